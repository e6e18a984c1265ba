#!/usr/bin/env python3
"""Prints a short summary of GET /api/v1/indicator (JSON on standard input)."""
import json
import sys

d = json.load(sys.stdin)
h = d["headline"]
c = d["counts"]
p = h["precision"]
print(f"智算规模 ({h['class']}, {p}): installed {h['installed_pflops']:.1f} PFLOPS "
      f"(verified {h['verified_pflops']:.1f}, unverified {h['unverified_pflops']:.1f}), "
      f"live {h['live_pflops']:.1f}, achieved {h['achieved_pflops']:.1f}; "
      f"{100 * h['progress']:.2f} % of {h['target_pflops']:.0f} PFLOPS by {h['target_year']}")
n = c["nodes"]
print(f"  {c['centers']} centers, {c['devices']} devices; nodes online {n['online']}, "
      f"stale {n['stale']}, offline {n['offline']}; derived peaks {c['devices_derived_peak']}, "
      f"unknown peaks {c['devices_unknown_peak']}; peaks verified {c['devices_verified']}, "
      f"corrected {c['devices_corrected']}, unverified {c['devices_unverified']}")
# Each center at its own class and that class's precision: classes are never added together.
# A quantum center is counted in qubits, apart from every FLOPS figure.
for ctr in d["centers"]:
    if ctr["class"] == "quantum":
        q = ctr["quantum"]
        print(f"  {ctr['id']:<16} {ctr.get('name', ''):<20} {ctr.get('district', ''):<10} "
              f"{ctr['class']:<14} qubits installed {q['installed_qubits']:6d}  "
              f"live {q['live_qubits']:6d}")
        continue
    own = ctr["classes"][ctr["class"]]
    print(f"  {ctr['id']:<16} {ctr.get('name', ''):<20} {ctr.get('district', ''):<10} "
          f"{ctr['class']:<14} {own['precision']:<5} installed {own['installed_pflops']:9.1f}  "
          f"live {own['live_pflops']:9.1f}")
q = d.get("quantum", {})
if q.get("devices"):
    print(f"  量算 quantum: {q['devices']} devices, {q['installed_qubits']} qubits installed, "
          f"{q['live_qubits']} live (never in a FLOPS figure)")
e = d.get("energy", {})
if e:
    print(f"  power {e['power_kw']:.1f} kW from {e['devices_with_power']} devices; "
          f"{e['devices_without_power']} live devices without a reading")
# The indicator lists at most summary.max_centers centers; GET /api/v1/centers has the rest.
if c.get("centers_unlisted"):
    print(f"  ... and {c['centers_unlisted']} more centers, not listed (GET /api/v1/centers)")
