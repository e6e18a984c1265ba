#!/usr/bin/env python3
"""Writes the "Central ingest" section of docs/benchmarks.md from two run_phase results.

usage: report.py INGEST.json REGISTRY.json DOC.md
"""
import datetime
import json
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import write_section  # noqa: E402

BEGIN = "<!-- BEGIN central_ingest: written by bench/central_ingest/run.sh; edits are overwritten -->"
END = "<!-- END central_ingest -->"


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def fmt_rate(r):
    return f"{r:,.0f} msg/s" if r else "n/a"


def section(ingest, registry):
    sub, cen = ingest["subscriber"], ingest["central"]
    ratio = cen["rate"] / sub["rate"] if cen["rate"] and sub["rate"] else None
    mosq = subprocess.run(["mosquitto", "-h"], capture_output=True, text=True).stdout.splitlines()
    per_node_kib = (registry["central"]["vmrss_kb"] - cen["vmrss_kb"]) / max(
        1, registry["nodes"] - ingest["nodes"])
    met = ratio is not None and ratio >= 0.95 and cen["accepted"] == sub["received"]
    lines = [
        BEGIN,
        "## Central ingest",
        "",
        f"Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu_model()}), "
        f"Linux {platform.release()}, {mosq[0] if mosq else 'mosquitto'}.",
        "",
        "**Method.** `bench/central_ingest/run.sh` starts a private Mosquitto on loopback "
        "(`max_queued_messages` 5,000,000 and `max_inflight_messages` 1000, so the broker drops "
        "nothing), suanli-central (Release build, its SQLite store in a temp dir) and, as the "
        "baseline in the same run, a bare `mosquitto_sub -q 1` on the same data topics. "
        f"suanli-sim then publishes {ingest['nodes']:,} nodes × {ingest['windows']} windows "
        f"= {ingest['nodes'] * ingest['windows']:,} data messages (8 × H100 each, about 3 KB) "
        "over 10 connections as fast as the broker acknowledges. The subscriber's rate is its "
        "message count over the time from its first to its last message (timestamps from "
        "`-F %U`); central's is its accepted-data counter (GET /api/v1/stats, polled every "
        "0.1 s) over the same span. Both receive the same stream at once, so the broker's fan-out "
        "to two subscribers is part of both figures. Memory: VmRSS and VmHWM of central after "
        "the run, and after a second run that registers "
        f"{registry['nodes']:,} nodes (one birth and one window each).",
        "",
        "| | messages | seconds | rate |",
        "|---|---|---|---|",
        f"| bare mosquitto_sub (baseline) | {sub['received']:,} | {sub['seconds'] or 0:.2f} | "
        f"{fmt_rate(sub['rate'])} |",
        f"| suanli-central | {cen['accepted']:,} of {cen['expected']:,} | {cen['seconds'] or 0:.2f} | "
        f"{fmt_rate(cen['rate'])} |",
        "",
        f"Central / baseline: **{ratio:.1%}**." if ratio else "Central / baseline: n/a.",
        f"Target (at least 95 % of the bare subscriber's rate, and every message the subscriber "
        f"received accepted by central): **{'met' if met else 'not met'}**.",
        "",
        "Read with care: in this run the stream's rate was set by the publisher (suanli-sim's 10 "
        "Paho connections), not by either receiver; both kept up with it. So the figure shows "
        "that central keeps up with what one suanli-sim process can publish, not central's "
        "ceiling. Windows that suanli-sim counts as failed were refused by its Paho client "
        "(\"no more messages can be buffered\") before they reached the broker; neither receiver "
        "could see them, and the expected count above includes them.",
        "",
        "| registered nodes | central VmRSS | central VmHWM |",
        "|---|---|---|",
        f"| {ingest['nodes']:,} | {cen['vmrss_kb'] / 1024:.1f} MiB | {cen['vmhwm_kb'] / 1024:.1f} MiB |",
        f"| {registry['nodes']:,} | {registry['central']['vmrss_kb'] / 1024:.1f} MiB | "
        f"{registry['central']['vmhwm_kb'] / 1024:.1f} MiB |",
        "",
        f"That is about {per_node_kib:.1f} KiB per registered node (8 devices a node here): "
        "central keeps of each node its inventory and newest window reduced to ids, classes "
        "and figures in exact units (central/core/inventory.hpp), its last 16 state changes and "
        "the sequence numbers seen; the decoded birth and window (about 9.6 KiB a node) are not "
        "kept.",
        "",
        f"suanli-sim's own report: `{ingest['sim']}`",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def main():
    ingest = json.load(open(sys.argv[1]))
    registry = json.load(open(sys.argv[2]))
    write_section(sys.argv[3], BEGIN, END, section(ingest, registry))


if __name__ == "__main__":
    main()
