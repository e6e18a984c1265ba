#!/usr/bin/env python3
"""Watches central and the broker while a phase runs, until STOP_FILE appears; writes JSON:

- stats: GET /api/v1/stats every STATS_EVERY s (time, accepted by kind, rejected, ingest queue,
  and the "ingest" object where central has it);
- healthz: GET /healthz every HEALTHZ_EVERY s, a fresh connection each, latency in ms (a failure
  or a timeout of 5 s counts as 5000 ms);
- proc: VmRSS of central and CPU seconds of each named process, every second;
- broker: Mosquitto's $SYS store and retained counts and dropped publishes (sys_interval 1).

usage: watch.py --http HOST:PORT --broker-port P --pid NAME=PID ... --stop-file F --out OUT.json
                [--stats-every 1] [--healthz-every 0.2]
"""
import argparse
import json
import os
import subprocess
import threading
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
SYS_TOPICS = {"$SYS/broker/store/messages/count": "store",
              "$SYS/broker/retained messages/count": "retained",
              "$SYS/broker/publish/messages/dropped": "dropped",
              "$SYS/broker/messages/received": "received",
              "$SYS/broker/messages/sent": "sent"}


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def every(period, stop, fn):
    next_t = time.monotonic()
    while not stop.is_set():
        fn()
        next_t += period
        stop.wait(max(0.0, next_t - time.monotonic()))


def proc_sample(pids):
    out = {"t": time.time()}
    for name, pid in pids.items():
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            out[name + "_cpu_s"] = (int(fields[11]) + int(fields[12])) / CLK_TCK
            if name == "central":
                for line in open(f"/proc/{pid}/status"):
                    if line.startswith(("VmRSS", "VmHWM")):
                        out[line.split(":")[0]] = int(line.split()[1])
        except (OSError, IndexError):
            pass
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--http", required=True)
    p.add_argument("--broker-port", type=int, required=True)
    p.add_argument("--pid", action="append", default=[])
    p.add_argument("--stop-file", required=True)
    p.add_argument("--stats-every", type=float, default=1.0)
    p.add_argument("--healthz-every", type=float, default=0.2)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    pids = dict(x.split("=", 1) for x in args.pid)
    base = f"http://{args.http}"
    stop = threading.Event()
    data = {"stats": [], "healthz_ms": [], "healthz_failed": 0, "proc": [], "broker": []}

    def stats():
        t = time.time()
        try:
            s = json.loads(get(base + "/api/v1/stats", timeout=30))
        except Exception:  # noqa: BLE001: a missed sample is visible as a gap
            return
        data["stats"].append({"t": t, "took_s": time.time() - t, "accepted": s["accepted"],
                              "rejected_total": s["rejected_total"], "rejected": s["rejected"],
                              "ingest_queue": s.get("ingest_queue"), "ingest": s.get("ingest"),
                              "nodes": s.get("nodes")})

    def healthz():
        t = time.monotonic()
        try:
            get(base + "/healthz")
            data["healthz_ms"].append((time.monotonic() - t) * 1000)
        except Exception:  # noqa: BLE001
            data["healthz_failed"] += 1
            data["healthz_ms"].append(5000.0)

    sub = subprocess.Popen(["mosquitto_sub", "-p", str(args.broker_port), "-v"] +
                           [a for t in SYS_TOPICS for a in ("-t", t)],
                           stdout=subprocess.PIPE, text=True)

    def broker():
        latest = {}
        for line in sub.stdout:
            for topic, key in SYS_TOPICS.items():
                if line.startswith(topic + " "):
                    latest[key] = int(line[len(topic) + 1:])
                    data["broker"].append(dict(latest, t=time.time()))
            if stop.is_set():
                break

    threads = [threading.Thread(target=every, args=(args.stats_every, stop, stats)),
               threading.Thread(target=every, args=(args.healthz_every, stop, healthz)),
               threading.Thread(target=every, args=(1.0, stop,
                                                    lambda: data["proc"].append(proc_sample(pids)))),
               threading.Thread(target=broker, daemon=True)]
    for t in threads:
        t.start()
    while not os.path.exists(args.stop_file):
        time.sleep(0.1)
    stop.set()
    for t in threads[:3]:
        t.join()
    sub.terminate()  # mosquitto_sub would retry forever once the broker has gone
    sub.wait()
    stats()
    data["proc"].append(proc_sample(pids))
    json.dump(data, open(args.out, "w"))


if __name__ == "__main__":
    main()
