#!/usr/bin/env python3
"""Writes the "Test suite under load" section of docs/benchmarks.md from bench/suite_under_load/run.sh's logs.

usage: report.py --out build-test/under-load --load WHAT [--doc docs/benchmarks.md]
"""
import argparse
import datetime
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import write_section  # noqa: E402

BEGIN = "<!-- BEGIN suite_under_load: written by bench/suite_under_load/run.sh; edits are overwritten -->"
END = "<!-- END suite_under_load -->"

SUMMARY = re.compile(r"(\d+)% tests passed, (\d+) tests failed out of (\d+)")
FAILED = re.compile(r"^\s*\d+ - (\S+) \(")


def parse_run(out, k):
    start, end, status, *loads = open(os.path.join(out, f"run-{k}.time")).read().split()
    log = open(os.path.join(out, f"run-{k}.log"), errors="replace").read()
    # The suite's own summary is its last (the arm64 test prints its inner ctest's before it).
    summaries = list(SUMMARY.finditer(log))
    summary = summaries[-1] if summaries else None
    failed_tests = []
    if summary and "The following tests FAILED:" in log[summary.end():]:
        for line in log[summary.end():].split("The following tests FAILED:", 1)[1].splitlines():
            m = FAILED.match(line)
            if m:
                failed_tests.append(m.group(1))
    return {
        "k": k,
        "when": datetime.datetime.fromtimestamp(float(start), datetime.timezone.utc),
        "seconds": float(end) - float(start),
        "status": int(status),
        "tests": int(summary.group(3)) if summary else None,
        "failed": int(summary.group(2)) if summary else None,
        "failed_tests": failed_tests,
        "load_start": " ".join(loads[:3]),
        "load_end": " ".join(loads[3:6]),
    }


def cpu_count():
    return os.cpu_count() or 0


def section(runs, load):
    passed = sum(1 for r in runs if r["status"] == 0)
    verdict = (f"**{passed} of {len(runs)} runs passed**"
               + (", in a row." if passed == len(runs) else "."))
    lines = [
        BEGIN,
        "## Test suite under load",
        "",
        f"**Run:** from {runs[0]['when']:%Y-%m-%d %H:%M} UTC. **Machine:** {cpu_count()} CPUs.",
        "**Reproduce:** `./bench/suite_under_load/run.sh` (three runs, two busy loops beside them).",
        "",
        "The whole suite, as CI runs it (`scripts/test.sh`: setup, format check, build, every test"
        " including the arm64 build and its tests under qemu), run again and again while CPU-bound"
        " processes take the cores: a test that waits for a fixed time instead of an event fails here."
        " The first run may build; later runs find the build done.",
        "",
        f"**Beside the suite:** {load}.",
        "",
        f"{verdict}",
        "",
        "| run | started (UTC) | minutes | tests | failed | exit | load average at start | at end |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r['k']} | {r['when']:%m-%d %H:%M} | {r['seconds'] / 60:.1f} | {r['tests'] or 'n/a'} "
            f"| {r['failed'] if r['failed'] is not None else 'n/a'} | {r['status']} "
            f"| {r['load_start']} | {r['load_end']} |")
    failures = [(r["k"], t) for r in runs for t in r["failed_tests"]]
    if failures:
        lines += ["", "Failed:", ""] + [f"- run {k}: `{t}`" for k, t in failures]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--load", required=True)
    parser.add_argument("--doc")
    args = parser.parse_args()
    ks = sorted(int(re.search(r"run-(\d+)\.time$", p).group(1))
                for p in glob.glob(os.path.join(args.out, "run-*.time")))
    if not ks:
        sys.exit("report.py: no runs in " + args.out)
    text = section([parse_run(args.out, k) for k in ks], args.load)
    if args.doc:
        write_section(args.doc, BEGIN, END, text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
