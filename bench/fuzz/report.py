#!/usr/bin/env python3
"""Writes the "Fuzzing" section of docs/benchmarks.md from the logs bench/fuzz/run.sh left.

usage: report.py --build build-fuzz [--doc docs/benchmarks.md] [--note TEXT]

Every harness with a log: BUILD/logs/HARNESS.log (libFuzzer's output with -print_final_stats=1),
BUILD/logs/HARNESS.time (start and end, epoch seconds, and the inputs asked for) and
BUILD/crashes/HARNESS/ (its artifacts). Without --doc the section is printed.
"""
import argparse
import datetime
import os
import platform
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import write_section  # noqa: E402

BEGIN = "<!-- BEGIN fuzz: written by bench/fuzz/run.sh; edits are overwritten -->"
END = "<!-- END fuzz -->"

# The issue's counts: 10 million inputs of the wire decoder, 1 million of each other harness.
ISSUE_RUNS = {"wire_decoder": 10_000_000}
DEFAULT_ISSUE_RUNS = 1_000_000

WHAT = {
    "wire_decoder": "MQTT wire decoder, every kind and the topic (`uplink/wire/decode*.cpp`); input: topic, "
    "newline, payload. What decodes re-encodes to a payload that decodes to the same message.",
    "ingest_batch": "HTTP ingest batch (`central/core/ingest_batch.cpp`, as POST /api/v1/ingest parses it), "
    "then each message through central's ingest front door into a fresh registry, the registry ticked "
    "an hour and a month on, and every JSON view built. A rejected message leaves the indicator as it was.",
    "config_loader": "The config loaders (`config/`): agent and central configs (service and tool modes), "
    "suanli-sim's fleet config, the ingest token file, each from the same text. A refused text names a problem.",
    "http_target": "Request target and query parsing (`central/http/target.cpp`), the router's path "
    "parameters, and the history route's query (`history_params_of`, `history_bucket_count`). An accepted "
    "history query spans 1 to 10,000 points.",
    "spool_recovery": "Spool start-up recovery (`uplink/spool/`): the input is a segment file and its ack "
    "log in a temp folder; the spool is opened, read whole, appended to, opened again. Records come back in "
    "id order, as many as `depth()`; the second open finds no torn tail and the same records.",
    "catalog_loader": "Peak catalog loader (`collectors/catalog/`, as `catalog.path` loads it), then each "
    "row looked up by PCI id and name and its peaks resolved. Only enumerated-device rows match.",
}

# What the harnesses found, each fixed with its input kept in bench/fuzz/regressions/.
FOUND = [
    "spool_recovery: a record whose CRC holds but whose id lies far past the records before it sized "
    "the segment's pending set by that id (a 2^40-bit vector: AddressSanitizer's allocation-size-too-big, "
    "an out-of-memory crash at every start-up). Ids in a segment are consecutive, so the reader now takes "
    "such a record for damage: an id may exceed the previous by at most the records that fit in the "
    "bytes between (`SpoolRecovery.ARecordWithAnIdFarPastItsBytesIsDamage`; "
    "`regressions/spool_recovery/record_id_far_past_its_bytes.bin`).",
    "spool_recovery: acks of records cut away at start-up (a corrupt length in the last segment, or "
    "in its first record) applied to the new records that took their ids, so a restart lost them as "
    "if acknowledged. The active segment now rolls, or its ack log is emptied when it kept no record "
    "(`SpoolRecovery.AcksOf*`; `regressions/spool_recovery/acks_of_cut_records.bin`).",
    "wire_decoder: the harness's own check was wrong: a figure finer than one MFLOPS is rounded by "
    "the encoder (protocol.md section 1), so decode, encode, decode does not give the same message; "
    "it now checks that re-encoding is stable (`regressions/wire_decoder/tflops_finer_than_one_mflops.txt`).",
]

STATUS = re.compile(r"^#(\d+)\s+(INITED|DONE|NEW|REDUCE|pulse|RELOAD)\s+(.*)$")
STAT = re.compile(r"^stat::(\w+):\s*(\S+)")
FIELD = re.compile(r"(cov|ft|corp|exec/s|rss): (\S+)")
CRASH = re.compile(
    r"(ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|ERROR: libFuzzer|fuzz: invariant broken)"
)


def status_fields(line):
    return dict(FIELD.findall(line))


def parse(build, name):
    log = open(os.path.join(build, "logs", f"{name}.log"), errors="replace").read().splitlines()
    start, end, asked = open(os.path.join(build, "logs", f"{name}.time")).read().split()
    out = {"name": name, "seconds": float(end) - float(start), "asked": int(asked),
           "when": datetime.datetime.fromtimestamp(float(start), datetime.timezone.utc),
           "inited": {}, "last": {}, "crash_lines": []}
    for line in log:
        m = STATUS.match(line)
        if m:
            fields = status_fields(m.group(3))
            if m.group(2) == "INITED":
                out["inited"] = fields
            out["last"] = fields
            out["last_count"] = int(m.group(1))
        stat = STAT.match(line)
        if stat:
            out[stat.group(1)] = stat.group(2)
        if CRASH.search(line):
            out["crash_lines"].append(line.strip())
    crashes_dir = os.path.join(build, "crashes", name)
    out["artifacts"] = sorted(os.listdir(crashes_dir)) if os.path.isdir(crashes_dir) else []
    out["runs"] = int(out.get("number_of_executed_units", out.get("last_count", 0)))
    out["execs"] = int(out.get("average_exec_per_sec", 0))
    return out


def first_line(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "?"


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def section(results, note=None):
    issue = lambda r: ISSUE_RUNS.get(r["name"], DEFAULT_ISSUE_RUNS)
    # libFuzzer also leaves slow-unit-* (a unit over 10 s): a report, not a failure.
    failures = lambda r: [a for a in r["artifacts"] if not a.startswith("slow-unit-")]
    crashes = lambda r: len(failures(r)) or (1 if r["crash_lines"] else 0)
    met = lambda r: crashes(r) == 0 and r["runs"] >= issue(r)
    first = min(r["when"] for r in results).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    lines = [
        BEGIN,
        "## Fuzzing: libFuzzer harnesses under AddressSanitizer and UndefinedBehaviorSanitizer",
        "",
        f"**Run:** from {first}, load average {load} at the end. **Machine:** {os.cpu_count()} CPUs "
        f"({cpu_model()}), Linux {platform.release()}.",
        f"**Versions:** {first_line('clang++', '--version')} (libFuzzer of libclang-rt-14-dev).",
        "**Reproduce:** `./bench/fuzz/run.sh` (the issue's counts: 10,000,000 inputs of the wire decoder, "
        "1,000,000 of each other harness); `--wire-runs N` and `--runs N` run fewer, `--only NAME` one "
        "harness (the others keep their last run here).",
        "",
        "### Target",
        "",
        "The issue's target: 10 million inputs of the wire decoder and 1 million of each other harness, "
        "0 crashes, under ASan and UBSan.",
        "",
    ]
    for r in results:
        if met(r):
            verdict = "met"
        elif crashes(r):
            verdict = f"**not met**: crashed after {r['runs']:,} inputs"
        else:
            verdict = f"**not met**: {r['runs']:,} inputs run, {issue(r):,} needed"
        lines.append(f"- {r['name']}: {verdict}.")
    lines += [
        "",
        "### Method",
        "",
        "- **Build:** `build-fuzz`, clang with `-fsanitize=fuzzer-no-link,address,undefined` on every "
        "library (`SUANLI_FUZZ`, `SUANLI_SANITIZE`: `-fno-sanitize-recover=all`, so any UBSan finding is "
        "a crash), `-fsanitize=fuzzer` on the harnesses; `-O1 -g`, assertions on. LeakSanitizer on.",
        "- **Run:** one harness at a time, one process (`-jobs` 1), `-runs=N -seed=1 -timeout=10`, "
        "from its seed corpus `bench/fuzz/corpus/NAME` (written by `bench/fuzz/make_corpus.py` from "
        "docs/protocol.md's examples, `config/*.example.json`, the catalog's rows by vendor, the HTTP "
        "tests' targets and spool segments as the spool writes them) and its regressions `bench/fuzz/regressions/NAME`, "
        "with the dictionary `bench/fuzz/NAME.dict`. The corpus it grows is emptied before each run.",
        "- **Figures:** execs/s is libFuzzer's `average_exec_per_sec`; coverage is its `cov:` (edges "
        "covered) and `ft:` (features) on the last status line. The baseline, in the same run, is the "
        "coverage of the seed corpus alone (libFuzzer's `INITED` line), before any mutation. Rates "
        "depend on what else the machine runs (the load average above; run.sh is meant to run at "
        "`nice -n 10` beside other work).",
        "- **The suite:** each harness is also a ctest test (`Fuzz.NAME`, gcc, the suite's ASan/UBSan "
        "build): `bench/fuzz/standalone_main.cpp` runs it over the seed corpus, the regressions and a "
        "fixed number of deterministic mutations (fixed seed), so an input that crashed once stays fixed.",
        "",
        "### Results",
        "",
        "| harness | run at | inputs asked | inputs run | seconds | execs/s | cov: seeds → end | "
        "ft: seeds → end | corpus at end | crashes |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['name']} | {r['when'].strftime('%m-%d %H:%M')} | {r['asked']:,} | {r['runs']:,} | "
            f"{r['seconds']:,.0f} | {r['execs']:,} | "
            f"{r['inited'].get('cov', '?')} → {r['last'].get('cov', '?')} | "
            f"{r['inited'].get('ft', '?')} → {r['last'].get('ft', '?')} | {r['last'].get('corp', '?')} | "
            f"{crashes(r)} |"
        )
    if note:
        lines += ["", f"**This run:** {note}"]
    for r in [r for r in results if crashes(r)]:
        lines += ["", f"{r['name']} crashed: `{r['crash_lines'][0] if r['crash_lines'] else failures(r)[0]}`"]
    for r in results:
        slow = [a for a in r["artifacts"] if a.startswith("slow-unit-")]
        if slow:
            lines += ["", f"{r['name']}: {len(slow)} slow unit(s) kept by libFuzzer (over 10 s once, "
                      f"`{slow[0]}`): not a failure; run it alone to tell a slow input from a busy machine."]
    lines += ["", "### Found and fixed", ""] + [f"- {f}" for f in FOUND]
    lines += ["", "### Harnesses", ""]
    lines += [f"- **{r['name']}** (`bench/fuzz/{r['name']}_fuzz.cpp`): {WHAT[r['name']]}" for r in results]
    lines += ["", END, ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--doc")
    parser.add_argument("--note", help="how this run differed from run.sh's (where it ran, beside what)")
    args = parser.parse_args()
    names = [h for h in WHAT if os.path.exists(os.path.join(args.build, "logs", f"{h}.time"))]
    if not names:
        sys.exit(f"report.py: no harness logs in {args.build}/logs")
    text = section([parse(args.build, h) for h in names], args.note)
    if args.doc:
        write_section(args.doc, BEGIN, END, text)
    else:
        print(text)


if __name__ == "__main__":
    main()
