#!/usr/bin/env python3
"""Counts what each client published, as its subscriber and the kernel saw it.

usage: published.py --until UNIX --ss SS_FILE --out FILE NAME=PID:SUB_FILE [...]

SUB_FILE is the output of `mosquitto_sub -F '%U %l %t'` on that client's topic tree: receive
time, payload length in bytes, topic. Messages received after UNIX (the end of the measured run)
are left out. SS_FILE is `ss -tinpHO` taken at the end of the run; bytes_sent / bytes_received of
the client's connections to the broker (found by pid) are its MQTT traffic including framing.
"""
import argparse
import json
import re
import sys


def kind_of(topic):
    levels = topic.split("/")
    if levels[0] == "suanli":
        return levels[-1]  # suanli/v1/<center>/<node>/<kind>
    if len(levels) >= 3:
        return levels[2].split("-")[0]  # collectd/<host>/<plugin>-<instance>/<type>-<instance>
    return topic


def count_messages(sub_file, until):
    counts = {"msgs": 0, "payload_bytes": 0, "topic_bytes": 0, "by_kind": {}}
    with open(sub_file) as f:
        for line in f:
            parts = line.split(maxsplit=2)
            if len(parts) != 3 or float(parts[0]) > until:
                continue
            length, topic = int(parts[1]), parts[2].rstrip("\n")
            counts["msgs"] += 1
            counts["payload_bytes"] += length
            counts["topic_bytes"] += len(topic.encode())
            kind = counts["by_kind"].setdefault(kind_of(topic), {"msgs": 0, "payload_bytes": 0})
            kind["msgs"] += 1
            kind["payload_bytes"] += length
    return counts


def ss_counter(line, name):
    found = re.search(name + r":(\d+)", line)
    return int(found.group(1)) if found else 0


def tcp_bytes(ss_file, pid):
    totals = {"tcp_connections": 0, "tcp_bytes_sent": 0, "tcp_bytes_received": 0}
    with open(ss_file) as f:
        for line in f:
            if f"pid={pid}," not in line:
                continue
            totals["tcp_connections"] += 1
            totals["tcp_bytes_sent"] += ss_counter(line, "bytes_sent")
            totals["tcp_bytes_received"] += ss_counter(line, "bytes_received")
    return totals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--until", type=float, required=True)
    parser.add_argument("--ss", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("clients", nargs="+")
    args = parser.parse_args()
    result = {}
    for spec in args.clients:
        match = re.fullmatch(r"([^=]+)=(\d+):(.+)", spec)
        if not match:
            sys.exit(f"published.py: expected NAME=PID:SUB_FILE, got {spec!r}")
        name, pid, sub_file = match.group(1), int(match.group(2)), match.group(3)
        result[name] = count_messages(sub_file, args.until) | tcp_bytes(args.ss, pid)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
