#!/usr/bin/env python3
"""Watches processes for a fixed time and writes their footprint as JSON.

usage: measure.py --seconds N --warmup W --out FILE NAME=PID [NAME=PID ...]

Every second it reads VmRSS of each process. At the end it reads, per process:
  /proc/PID/status        VmHWM, VmRSS, RssAnon, RssFile, RssShmem, Threads
  /proc/PID/smaps_rollup  every field (Rss, Pss, Private_Clean, Private_Dirty, Anonymous, ...)
  /proc/PID/stat          utime + stime (all threads), in ticks of CLK_TCK, and the start time
  /proc/PID/task/*/schedstat  on-CPU nanoseconds summed over threads (cross-check of the ticks)
  /proc/PID/task/*/status     context switches summed over threads
CPU is given over the process's whole life (start to end of the run) and over the steady part
(from W seconds after the watch began to its end).
"""
import argparse
import json
import os
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def read_status(pid):
    wanted = ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem", "Threads")
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in wanted:
                fields[key] = int(value.split()[0])
    return fields


def read_smaps_rollup(pid):
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1])
    return fields


def read_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    rest = text[text.rfind(")") + 2 :].split()
    # rest[0] is field 3 (state): utime = field 14, stime = field 15, starttime = field 22.
    return {"cpu_ticks": int(rest[11]) + int(rest[12]), "start_ticks": int(rest[19])}


def read_threads(pid):
    """Live threads: name, on-CPU nanoseconds, context switches (ended threads are not listed)."""
    threads = []
    for tid in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                cpu_ns = int(f.read().split()[0])
            switches = 0
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    key, _, value = line.partition(":")
                    if key.endswith("ctxt_switches"):  # voluntary_ and nonvoluntary_
                        switches += int(value)
        except (OSError, ValueError):
            continue  # the thread ended between listdir and open
        threads.append({"tid": int(tid), "name": name, "cpu_ns": cpu_ns, "ctxt_switches": switches})
    return threads


def uptime_s():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def cpu_snapshot(pid):
    stat = read_stat(pid)
    threads = read_threads(pid)
    return {
        "uptime_s": uptime_s(),
        "cpu_ticks": stat["cpu_ticks"],
        "start_ticks": stat["start_ticks"],
        "sched_ns": sum(t["cpu_ns"] for t in threads),
        "ctxt_switches": sum(t["ctxt_switches"] for t in threads),
        "tids": {t["tid"] for t in threads},
    }


def parse_targets(specs):
    targets = {}
    for spec in specs:
        name, _, pid = spec.partition("=")
        if not name or not pid.isdigit():
            sys.exit(f"measure.py: expected NAME=PID, got {spec!r}")
        targets[name] = int(pid)
    return targets


def summarize(pid, warm, end, rss_samples):
    life_s = end["uptime_s"] - end["start_ticks"] / CLK_TCK
    steady_s = end["uptime_s"] - warm["uptime_s"]
    cpu_s = end["cpu_ticks"] / CLK_TCK
    steady_cpu_s = (end["cpu_ticks"] - warm["cpu_ticks"]) / CLK_TCK
    steady_sched_s = (end["sched_ns"] - warm["sched_ns"]) / 1e9
    return {
        "pid": pid,
        "status_kB": read_status(pid),
        "threads": [{"tid": t["tid"], "name": t["name"], "cpu_s": round(t["cpu_ns"] / 1e9, 4),
                     "ctxt_switches": t["ctxt_switches"]} for t in read_threads(pid)],
        "smaps_rollup_kB": read_smaps_rollup(pid),
        "life_s": round(life_s, 3),
        "cpu_s": round(cpu_s, 3),
        "cpu_pct_one_core": round(100 * cpu_s / life_s, 4),
        "sched_cpu_s": round(end["sched_ns"] / 1e9, 4),
        "steady_s": round(steady_s, 3),
        "steady_cpu_s": round(steady_cpu_s, 3),
        "steady_cpu_pct_one_core": round(100 * steady_cpu_s / steady_s, 4),
        "steady_sched_cpu_pct_one_core": round(100 * steady_sched_s / steady_s, 4),
        # Per second of the steady part, from the threads alive at its start and end; a thread
        # that ended in between takes its share with it (threads_ended_in_steady says how many).
        "steady_sched_cpu_us_per_s": round(1e6 * steady_sched_s / steady_s, 1),
        "steady_ctxt_switches_per_s": round(
            (end["ctxt_switches"] - warm["ctxt_switches"]) / steady_s, 2),
        "threads_ended_in_steady": len(warm["tids"] - end["tids"]),
        "rss_kB_min": min(rss_samples),
        "rss_kB_max": max(rss_samples),
        "rss_kB_mean": round(sum(rss_samples) / len(rss_samples)),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--warmup", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("targets", nargs="+")
    args = parser.parse_args()
    targets = parse_targets(args.targets)
    if not 0 <= args.warmup < args.seconds:
        sys.exit("measure.py: --warmup must be shorter than --seconds")

    start_unix = time.time()
    start = time.monotonic()
    warm = {}
    rss = {name: [] for name in targets}
    tick = 0
    while True:
        tick += 1
        now = time.monotonic() - start
        for name, pid in targets.items():
            try:
                rss[name].append(read_status(pid)["VmRSS"])
            except OSError:
                sys.exit(f"measure.py: {name} (pid {pid}) ended during the run")
        if not warm and now >= args.warmup:
            warm = {name: cpu_snapshot(pid) for name, pid in targets.items()}
            warm_rss = {name: samples[-1] for name, samples in rss.items()}
        if now >= args.seconds:
            break
        time.sleep(max(0.0, min(tick - (time.monotonic() - start), 1.0)))

    end = {name: cpu_snapshot(pid) for name, pid in targets.items()}
    result = {
        "start_unix": start_unix,
        "end_unix": time.time(),
        "seconds": args.seconds,
        "warmup_s": args.warmup,
        "clk_tck": CLK_TCK,
        "processes": {},
    }
    for name, pid in targets.items():
        summary = summarize(pid, warm[name], end[name], rss[name])
        summary["rss_kB_after_warmup"] = warm_rss[name]
        result["processes"][name] = summary
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
