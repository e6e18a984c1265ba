#!/usr/bin/env python3
"""Prints a short summary of GET /api/v1/indicator (JSON on standard input)."""
import json
import sys

d = json.load(sys.stdin)
h = d["headline"]
c = d["counts"]
p = h["precision"]
print(f"智算规模 ({h['class']}, {p}): installed {h['installed_pflops']:.1f} PFLOPS, "
      f"live {h['live_pflops']:.1f}, achieved {h['achieved_pflops']:.1f}; "
      f"{100 * h['progress']:.2f} % of {h['target_pflops']:.0f} PFLOPS by {h['target_year']}")
n = c["nodes"]
print(f"  {c['centers']} centers, {c['devices']} devices; nodes online {n['online']}, "
      f"stale {n['stale']}, offline {n['offline']}; derived peaks {c['devices_derived_peak']}, "
      f"unknown peaks {c['devices_unknown_peak']}")
for ctr in d["centers"]:
    print(f"  {ctr['id']:<16} {ctr.get('name', ''):<20} {ctr.get('district', ''):<10} "
          f"installed {ctr['installed_pflops'][p]:9.1f}  live {ctr['live_pflops'][p]:9.1f}")
