#!/usr/bin/env python3
"""Writes the "Wire decode" section of docs/benchmarks.md from wire_decode_bench's runs.

usage: report.py --baseline-rev SHA --build DIR [--doc DOC.md] RUN.json...
Runs labelled "before" are the baseline tree's program, "after" this tree's; each figure is the
median of its runs.
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import cpu_model, write_or_print  # noqa: E402

BEGIN = "<!-- BEGIN wire_decode: written by bench/wire_decode/run.sh; edits are overwritten -->"
END = "<!-- END wire_decode -->"
KINDS = ["data", "birth", "status"]

# (label of the run, candidate in it, row name)
ROWS = [
    ("before", "decode", "(a) the decoder before: nlohmann strict DOM, then the Reader"),
    ("after", "nlohmann_strict_dom", "&nbsp;&nbsp;its parse alone (`parse_strict_json`)"),
    ("after", "nlohmann_sax", "(b) nlohmann SAX parse only, a handler that keeps nothing"),
    ("after", "simdjson_parse", "(c) simdjson 3.0.1 DOM parse only (reused parser, padded input)"),
    ("after", "decode", "(d) the decoder now: simdjson, checks, the Reader (`wire::decode`)"),
]


def compiler(build):
    """The first line of the build's C++ compiler's --version, e.g. "c++ (Debian 12.2.0-14) 12.2.0"."""
    try:
        for line in open(os.path.join(build, "CMakeCache.txt")):
            m = re.match(r"CMAKE_CXX_COMPILER:\w+=(.*)", line)
            if m:
                out = subprocess.run([m.group(1), "--version"], capture_output=True, text=True)
                return out.stdout.splitlines()[0]
    except (OSError, IndexError):
        pass
    return "c++"


def load(paths):
    runs = {"before": [], "after": []}
    for p in paths:
        r = json.load(open(p))
        runs[r["label"]].append(r)
    if not runs["before"] or not runs["after"]:
        sys.exit("report.py: need runs labelled before and after")
    return runs


def median_ns(runs, kind, candidate):
    return statistics.median(r["kinds"][kind]["ns_per_message"][candidate] for r in runs)


def figures(runs, candidate):
    """ns per message and MB/s per kind, and for the mix (every message of the run once)."""
    shape = runs[0]["kinds"]
    out = {}
    total_ns = total_bytes = total_messages = 0
    for kind in KINDS:
        ns = median_ns(runs, kind, candidate)
        n, b = shape[kind]["messages"], shape[kind]["bytes"]
        out[kind] = (ns, b / n / ns * 1e3)  # bytes per ns = GB/s; x1e3 = MB/s
        total_ns += ns * n
        total_bytes += b
        total_messages += n
    out["mix"] = (total_ns / total_messages, total_bytes / total_ns * 1e3)
    return out


def cell(fig):
    ns, mbps = fig
    return f"{ns / 1000:,.1f} µs · {mbps:,.0f} MB/s" if ns >= 1000 else f"{ns:,.0f} ns · {mbps:,.0f} MB/s"


def section(runs, baseline, build):
    shape = runs["after"][0]
    kinds = shape["kinds"]
    per_node = {k: kinds[k]["messages"] // shape["nodes"] for k in KINDS}
    size = {k: kinds[k]["bytes"] / kinds[k]["messages"] for k in KINDS}
    table = {row: figures(runs[label], cand) for label, cand, row in ROWS}
    before, after = table[ROWS[0][2]], table[ROWS[-1][2]]
    lines = [
        BEGIN,
        "## Wire decode",
        "",
        f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu_model()}), "
        f"Linux {platform.release()}, {compiler(build)}, Release builds.",
        "",
        "**Method.** `bench/wire_decode/run.sh` builds `wire_decode_bench` twice, from this tree "
        f"and from the tree of {baseline[:12]} (the nlohmann decoder, the baseline) with the same "
        "bench added, and runs the two alternately, "
        f"{len(runs['after'])} runs each, on the same payloads: suanli-sim's {shape['nodes']} nodes of "
        f"8 × H100 SXM5 80GB, each a status, a birth and {per_node['data']} data windows made by "
        f"`wire::encode` (data {size['data']:,.0f} B, birth {size['birth']:,.0f} B, status "
        f"{size['status']:,.0f} B on average). Each figure is the median over runs of the median "
        f"of {shape['rounds']} passes over every payload of a kind, one message after another on "
        "one thread, timed by the thread's CPU clock (waiting for a core on a shared machine "
        "does not count); MB/s is payload bytes over that time. The mix is every payload of the run "
        "once (per node 1 status, 1 birth, "
        f"{per_node['data']} windows). Parse-only rows build nothing from the document and are "
        "bounds, not decoders; the decoders check every field and build the wire structs.",
        "",
        "| | data window | birth | status | mix |",
        "|---|---|---|---|---|",
    ]
    for _, _, row in ROWS:
        f = table[row]
        lines.append(f"| {row} | " + " | ".join(cell(f[k]) for k in KINDS + ["mix"]) + " |")
    lines += [
        "",
        f"Decoder now against before: **{before['data'][0] / after['data'][0]:.1f}×** faster on a "
        f"data window ({before['data'][0] / 1000:.1f} → {after['data'][0] / 1000:.1f} µs), "
        f"{before['mix'][0] / after['mix'][0]:.1f}× on the mix.",
        "",
        "The decoder now parses with simdjson into its tape and walks it once with the Reader "
        "(`uplink/wire/detail/reader.hpp`); on top of simdjson's parse it copies the payload into "
        "a padded buffer, looks for keys repeated in any object, and allocates the strings of the "
        "structs. It refuses what the nlohmann decoder refused (the wire tests, unchanged, and a "
        "differential mutation test against `parse_strict_json`, `tests/wire/json_parser_test.cpp`).",
        "",
        "Boost.JSON is not measured: Debian 12's libboost-dev, the Boost this project builds "
        "with, is 1.74, and Boost.JSON starts at 1.75; Debian's libboost-json1.81-dev would mix "
        "two Boost versions in one build.",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline-rev", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--doc")
    ap.add_argument("runs", nargs="+")
    a = ap.parse_args()
    write_or_print(a.doc, BEGIN, END, section(load(a.runs), a.baseline_rev, a.build))


if __name__ == "__main__":
    main()
