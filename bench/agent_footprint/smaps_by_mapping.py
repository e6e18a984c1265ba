#!/usr/bin/env python3
"""Adds up a /proc/PID/smaps copy by what is mapped, to show where a process's memory is.

usage: smaps_by_mapping.py SMAPS_FILE [--top N]

Files are grouped by name (all mappings of libcrypto.so.3 together); [heap] and [stack] are
their own groups; unnamed anonymous mappings (thread stacks, glibc malloc arenas, mmap'd blocks)
are grouped by their size, since that is what tells them apart (e.g. 8 MiB + 4 KiB guard =
a thread stack at the default RLIMIT_STACK; 64 MiB heaps in pieces = a malloc arena).
"""
import argparse
import os
import re

HEADER = re.compile(r"^[0-9a-f]+-[0-9a-f]+ (\S{4}) \S+ \S+ \S+\s*(.*)$")
FIELDS = ("Size", "Rss", "Pss", "Private_Dirty", "Anonymous")


def mappings(smaps_file):
    current = None
    with open(smaps_file) as f:
        for line in f:
            header = HEADER.match(line)
            if header:
                if current:
                    yield current
                current = {"perms": header.group(1), "path": header.group(2).strip()}
                continue
            key, _, value = line.partition(":")
            if current is not None and key in FIELDS:
                current[key] = int(value.split()[0])
    if current:
        yield current


def group_name(mapping):
    path = mapping["path"]
    if path.startswith("["):
        return path
    if path:
        return os.path.basename(path)
    return f"[anon {mapping['perms']} {mapping.get('Size', 0)} kB]"


def grouped(smaps_file):
    groups = {}
    for mapping in mappings(smaps_file):
        group = groups.setdefault(group_name(mapping), {"mappings": 0} | {k: 0 for k in FIELDS})
        group["mappings"] += 1
        for key in FIELDS:
            group[key] += mapping.get(key, 0)
    return sorted(groups.items(), key=lambda item: item[1]["Rss"], reverse=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("smaps_file")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(f"{'kB Rss':>8} {'Anon':>6} {'PrivDirty':>9} {'Size':>8} {'n':>3}  mapping")
    for name, g in grouped(args.smaps_file)[: args.top]:
        print(f"{g['Rss']:8} {g['Anonymous']:6} {g['Private_Dirty']:9} {g['Size']:8} "
              f"{g['mappings']:3}  {name}")


if __name__ == "__main__":
    main()
