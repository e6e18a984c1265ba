#!/usr/bin/env python3
"""Freshness: from a window's ts_ms to the retained suanli/v1/_city/indicator that reflects it.

A probe node of its own center ("probe", 2 devices) publishes a window every PERIOD (jittered
±20 % so it does not keep one phase against a periodic publish); odd windows report device 0
unhealthy, even ones all healthy. So the probe center's live fp16 figure in the indicator takes
one of two values, and the window it reflects is known: window k (sent at ts_ms t_k) is
reflected by the first indicator received after t_k with k's value. None before the next
window: the latency is at least that gap (counted at the gap, and as late).
The indicator's arrival time is mosquitto_sub's own (`-F %U`), on the same clock as ts_ms.

usage: probe.py --port P --capture PROBE_CAPTURE --stop-file F --out OUT.json [--period-ms 1000]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import templates  # noqa: E402
from mqtt_wire import Publisher  # noqa: E402

CENTER, NODE = "probe", "p-000000"
WARMUP = 3  # windows before the node is live


def watch_indicator(sub, samples):
    """Appends (arrival s, probe live fp16 PFLOPS) for every indicator `sub` prints."""
    for line in sub.stdout:
        stamp, _, payload = line.partition(b" ")
        try:
            doc = json.loads(payload)
        except ValueError:
            continue
        for c in doc.get("centers", []):
            if c.get("id") == CENTER:
                samples.append((float(stamp), c["all_classes"]["live_pflops"]["fp16"]))


def latencies(sent, samples):
    """Latency in ms per window after the warm-up, and how many were not reflected in time."""
    values = sorted({v for _, v in samples})
    if len(values) < 2:
        return [], len(sent)
    mid = (values[0] + values[-1]) / 2
    out, late = [], 0
    for k, (ts_ms, healthy) in enumerate(sent):
        if k < WARMUP:
            continue
        until = sent[k + 1][0] if k + 1 < len(sent) else None
        if until is None:
            break
        hit = next((t for t, v in samples
                    if t * 1000 >= ts_ms and t * 1000 < until and (v > mid) == healthy), None)
        if hit is None:
            late += 1
            out.append(until - ts_ms)
        else:
            out.append(hit * 1000 - ts_ms)
    return out, late


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--capture", required=True)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--period-ms", type=float, default=1000)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    births, windows = templates.load(args.capture)
    healthy = windows[0]
    sick = templates.Template(templates.unhealthy_variant(
        healthy.render(templates.node_values(NODE, 0, 0, 0, 0, 0))))
    samples, sent = [], []
    sub = subprocess.Popen(["mosquitto_sub", "-p", str(args.port), "-t",
                            "suanli/v1/_city/indicator", "-F", "%U %p"], stdout=subprocess.PIPE)
    threading.Thread(target=watch_indicator, args=(sub, samples), daemon=True).start()
    pub = Publisher("127.0.0.1", args.port, f"bench-probe-{os.getpid()}", 10)
    boot, seq, last = int(time.time()), 0, None
    topic = f"suanli/v1/{CENTER}/{NODE}/".encode()
    now = time.time_ns() // 1_000_000
    pub.publish(topic + b"birth", births[0].render(templates.node_values(NODE, boot, 0, now)),
                "birth", retain=True)
    pub.drain(10)
    while not os.path.exists(args.stop_file):
        is_healthy = seq % 2 == 0
        ts = time.time_ns() // 1_000_000
        values = templates.node_values(NODE, boot, seq, ts, last if last else ts - 1000, ts)
        pub.publish(topic + b"data", (healthy if is_healthy else sick).render(values), "data")
        pub.flush()
        sent.append((ts, is_healthy))
        last, seq = ts, seq + 1
        end = time.monotonic() + args.period_ms / 1000 * random.uniform(0.8, 1.2)
        while time.monotonic() < end:
            pub.pump(0.05)
    pub.drain(5)
    pub.close()
    time.sleep(1.5)  # the last windows' indicators
    lat, late = latencies(sent, samples)
    lat_sorted = sorted(lat)

    def pct(q):
        return lat_sorted[min(len(lat_sorted) - 1, int(q * len(lat_sorted)))] if lat_sorted else None

    result = {"windows": len(sent), "measured": len(lat), "late": late,
              "indicators": len(samples), "p50_ms": pct(0.5), "p99_ms": pct(0.99),
              "max_ms": lat_sorted[-1] if lat_sorted else None,
              "acked": pub.acked, "sent": pub.sent}
    json.dump(result, open(args.out, "w"), indent=1)
    sub.terminate()
    sub.wait()
    print(json.dumps(result), file=sys.stderr)


if __name__ == "__main__":
    main()
