#!/usr/bin/env python3
"""The scale phase's fleet: NODES nodes, each publishing what an agent does (retained status
online and birth, then one data window every INTERVAL_MS, then retained status offline), all
QoS 1 over a few MQTT connections, messages from templates.py. Window j of the fleet is due at
t0 + j x INTERVAL_MS / NODES (node j mod NODES), so the offered rate is even. Writes a JSON
result: messages sent and acknowledged by kind, how far it fell behind its schedule, its CPU.

usage: fleet_pub.py --port P --capture CAPTURE --nodes N --seconds S [--interval-ms 10000]
                    [--center bench] [--connections 4] [--in-flight 1000] --out OUT.json
                    [--births-done FILE]
"""
import argparse
import json
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import templates  # noqa: E402
from mqtt_wire import Publisher  # noqa: E402


def now_ms():
    return time.time_ns() // 1_000_000


class Fleet:
    def __init__(self, args):
        self.args = args
        self.births, self.windows = templates.load(args.capture)
        self.boot = int(time.time())
        self.names = [f"n-{i:06d}" for i in range(args.nodes)]
        self.conns = [Publisher("127.0.0.1", args.port, f"bench-fleet-{os.getpid()}-{c}",
                                args.in_flight) for c in range(args.connections)]
        self.last_end = [None] * args.nodes
        self.seq = [0] * args.nodes

    def topic(self, i, kind):
        return f"suanli/v1/{self.args.center}/{self.names[i]}/{kind}".encode()

    def conn(self, i):
        return self.conns[i % len(self.conns)]

    def wait_room(self, c):
        while c.room() <= 0:
            c.flush()
            c.pump(0.05)

    def announce(self, online):
        for i in range(self.args.nodes):
            c = self.conn(i)
            self.wait_room(c)
            ts = now_ms()
            c.publish(self.topic(i, "status"),
                      templates.status(self.args.center, self.names[i], self.boot, self.seq[i], ts,
                                       online), "status", retain=True)
            if online:
                self.wait_room(c)
                birth = self.births[i % len(self.births)]
                c.publish(self.topic(i, "birth"),
                          birth.render(templates.node_values(self.names[i], self.boot, 0, ts)),
                          "birth", retain=True)
            c.pump(0)
        for c in self.conns:
            c.flush()

    def window(self, i):
        ts = now_ms()
        start = self.last_end[i] if self.last_end[i] is not None else ts - self.args.interval_ms
        payload = self.windows[i % len(self.windows)].render(
            templates.node_values(self.names[i], self.boot, self.seq[i], ts, start, ts))
        self.last_end[i] = ts
        self.seq[i] += 1
        c = self.conn(i)
        self.wait_room(c)
        c.publish(self.topic(i, "data"), payload, "data")

    def run_windows(self):
        """Publishes on schedule for args.seconds; returns the largest lag behind it, in s."""
        n, step = self.args.nodes, self.args.interval_ms / 1000 / self.args.nodes
        total = int(self.args.seconds / step)
        t0, j, worst = time.monotonic(), 0, 0.0
        while j < total:
            now = time.monotonic()
            due = min(total, int((now - t0) / step) + 1)
            if due > j:
                worst = max(worst, now - (t0 + j * step))
            while j < due:
                self.window(j % n)
                j += 1
            for c in self.conns:
                c.flush()
                c.pump(0)
            time.sleep(max(0.0, min(0.005, t0 + j * step - time.monotonic())))
        return total, worst


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--capture", required=True)
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--interval-ms", type=int, default=10000)
    p.add_argument("--center", default="bench")
    p.add_argument("--connections", type=int, default=4)
    p.add_argument("--in-flight", type=int, default=1000)
    p.add_argument("--births-done")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    fleet = Fleet(args)
    t_start = time.monotonic()
    fleet.announce(online=True)
    for c in fleet.conns:
        c.drain(300)
    births_s = time.monotonic() - t_start
    if args.births_done:
        open(args.births_done, "w").write(f"{time.time()}\n")
    t_windows, wall_start = time.monotonic(), time.time()
    windows, worst_lag = fleet.run_windows()
    windows_s, wall_end = time.monotonic() - t_windows, time.time()
    fleet.announce(online=False)
    for c in fleet.conns:
        c.drain(300)
    sent, acked = {}, {}
    for c in fleet.conns:
        for kind, n in c.sent.items():
            sent[kind] = sent.get(kind, 0) + n
        for kind, n in c.acked.items():
            acked[kind] = acked.get(kind, 0) + n
        c.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = {"nodes": args.nodes, "interval_ms": args.interval_ms, "connections": args.connections,
              "windows_scheduled": windows, "sent": sent, "acked": acked,
              "births_seconds": births_s, "windows_seconds": windows_s,
              "windows_from": wall_start, "windows_to": wall_end,
              "offered_rate": windows / windows_s if windows_s else None,
              "worst_lag_s": worst_lag, "cpu_s": usage.ru_utime + usage.ru_stime,
              "templates": {"births": len(fleet.births), "windows": len(fleet.windows)}}
    json.dump(result, open(args.out, "w"), indent=1)
    print(json.dumps(result), file=sys.stderr)


if __name__ == "__main__":
    main()
