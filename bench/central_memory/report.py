#!/usr/bin/env python3
"""Renders the "Central memory" section of docs/benchmarks.md from central_memory's results.

usage: report.py CURRENT.json --commit REV [--baseline BASELINE.json --baseline-commit REV]
"""
import argparse
import datetime
import json
import os
import platform
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import cpu_model  # noqa: E402

BEGIN = "<!-- BEGIN central_memory: written by bench/central_memory/run.sh; edits are overwritten -->"
END = "<!-- END central_memory -->"
GIB = 1024**3
MIB = 1024**2


def kib(b):
    return f"{b / 1024:,.2f} KiB"


def mib(b):
    return f"{b / MIB:,.1f} MiB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("current")
    ap.add_argument("--commit", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--baseline-commit")
    a = ap.parse_args()
    runs = []
    if a.baseline:
        runs.append((f"baseline ({a.baseline_commit})", json.load(open(a.baseline))))
    runs.append((f"this build ({a.commit})", json.load(open(a.current))))
    n = runs[-1][1]["nodes"]
    out = [BEGIN, "## Central memory", ""]
    out.append(f"Measured {datetime.date.today()} on {cpu_model()}, Linux {platform.release()}, "
               f"{n:,} nodes of 8 devices.")
    out.append("")
    out.append(
        "**Method.** `bench/central_memory/run.sh` builds `central_memory` (Release) and runs it: "
        f"{n:,} nodes of 8 × H100 SXM5, each one birth and one data window made by suanli-sim's "
        "own code (agent/fleet, wire::encode) and passed through central's real path: "
        "Ingest::accept (wire::decode, Registry::apply), Persistence::note_birth and note_node, "
        "and Persistence::flush every 10,000 messages into a SQLite store in a temp dir (no "
        "broker, no threads). Memory is glibc's count of bytes allocated and not freed "
        "(mallinfo2, after malloc_trim) less SQLite's own (sqlite3_memory_used), before and "
        "after: bytes per node that central keeps. Then a restart from that store: "
        "Persistence::restore into a new registry, timed, and apart from it each of its "
        "stages over the same store. The parts are each built alone from the same births and "
        "windows and measured the same way (the first 20,000 nodes). "
        "Timings on a shared 2-core machine are indicative.")
    out.append("")
    header = "| | " + " | ".join(name for name, _ in runs) + " |"
    out += [header, "|---" * (len(runs) + 1) + "|"]

    def row(label, f):
        out.append(f"| {label} | " + " | ".join(f(r) for _, r in runs) + " |")

    row("births applied", lambda r: f"{r['ingest']['births_applied']:,} of {r['nodes']:,}")
    row("**heap per registered node**", lambda r: f"**{kib(r['ingest']['heap_bytes_per_node'])}**")
    row(f"heap for {n:,} nodes", lambda r: mib(r['ingest']['heap_bytes_per_node'] * r['nodes']))
    row("RSS of the process after ingest", lambda r: mib(r['ingest']['rss_bytes']))
    row("SQLite's own memory", lambda r: mib(r['ingest']['sqlite_bytes']))
    row("a birth held until the next flush", lambda r: kib(r['ingest']['pending_bytes_per_birth']))
    row("heap per node after a restart", lambda r: kib(r['restart']['heap_bytes_per_node']))
    row("**restart: Persistence::restore**", lambda r: f"**{r['restart']['restore_s']:.2f} s**")
    row("restore's CPU time, all threads",
        lambda r: f"{r['restart']['restore_cpu_s']:.2f} s" if 'restore_cpu_s' in r['restart'] else "—")
    row("stage alone: read the births (SQLite)", lambda r: f"{r['restart']['stages']['read_births_s']:.2f} s")
    row("stage alone: read the node states (SQLite)", lambda r: f"{r['restart']['stages']['read_node_states_s']:.2f} s")
    row("stage alone: decode the births (wire::decode, one thread)",
        lambda r: f"{r['restart']['stages']['decode_births_s']:.2f} s")
    out.append("")
    out.append("The stages are timed alone, one after the other, over the same store; restore "
               "reads and decodes its births in batches on up to 8 threads where the build has "
               "central/app/stored_births.hpp (and, since issue 15, reduces them there too, "
               "one batch ahead of the registry's inserts), so its time is not their sum. "
               "CPU time is that of all the process's threads during the restore: on a shared "
               "machine it moves less with the load than the wall-clock time.")
    out.append("")
    out.append("Where a node's bytes are (each part built alone):")
    out.append("")
    out += [header, "|---" * (len(runs) + 1) + "|"]
    names = [p["name"] for p in runs[-1][1]["parts"]]
    for _, r in runs:
        names += [p["name"] for p in r["parts"] if p["name"] not in names]
    for name in names:
        def part(r, name=name):
            p = next((p for p in r["parts"] if p["name"] == name), None)
            return f"{round(p['bytes_per_node']):,} B" if p else "—"
        what = next(p["what"] for _, r in runs for p in r["parts"] if p["name"] == name)
        row(f"{name.strip()} ({what})" if not name.startswith(" ") else f"  {name.strip()}", part)
    cur = runs[-1][1]
    out.append("")
    out.append(f"At 100,000 nodes this build keeps "
               f"{mib(cur['ingest']['heap_bytes_per_node'] * 100_000)} of heap for the registry; "
               f"this process's RSS after ingest was {mib(cur['ingest']['rss_bytes'])}. The target "
               "(RSS under 1 GiB for central under load, with its ingest queue and HTTP API) is "
               "measured by bench/central_ingest; the restart target (the indicator served in "
               "under 3 s) there too, from the store this program's restart reads here.")
    out.append("")
    out.append(END)
    print("\n".join(out))


if __name__ == "__main__":
    main()
