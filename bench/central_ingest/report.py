#!/usr/bin/env python3
"""Judges a run of bench/central_ingest/run.sh against the issue's targets, prints the verdicts
and, given DOC.md, writes its "Central ingest" section.

usage: report.py WORK_DIR [DOC.md]
"""
import datetime
import json
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import write_section  # noqa: E402

BEGIN = "<!-- BEGIN central_ingest: written by bench/central_ingest/run.sh; edits are overwritten -->"
END = "<!-- END central_ingest -->"
STAGES = ("queue_wait", "decode", "apply")


def load(path):
    return json.load(open(path))


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))] if v else None


def cpu_share(proc, name):
    """% of one core that process `name` used between the first and last sample."""
    pts = [(p["t"], p[name + "_cpu_s"]) for p in proc if name + "_cpu_s" in p]
    if len(pts) < 2 or pts[-1][0] <= pts[0][0]:
        return None
    return 100 * (pts[-1][1] - pts[0][1]) / (pts[-1][0] - pts[0][0])


def stage_us(stats):
    """µs a message by stage from the first and last stats that have "ingest"; None without."""
    with_ingest = [s for s in stats if s.get("ingest") and "stage_ns_total" in s["ingest"]]
    if len(with_ingest) < 2:
        return None
    a, b = with_ingest[0]["ingest"], with_ingest[-1]["ingest"]
    n = b["messages_total"] - a["messages_total"]
    if n <= 0:
        return None
    return {k: (b["stage_ns_total"][k] - a["stage_ns_total"][k]) / n / 1000 for k in STAGES}


def ceiling(work):
    d = f"{work}/ceiling"
    sent, watch = load(f"{d}/sent.json"), load(f"{d}/watch.json")
    stamps = [float(x) for x in open(f"{d}/sub.stamps") if x.strip()]
    sub_rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else None
    # Both receivers get the stream from the broker at once, so both rates run from the
    # subscriber's first message; central's end is the answer that first showed its final count
    # (an answer's time, since a starved API reads the count late, never early).
    pts = [(s["t"] + s["took_s"], s["accepted"]["data"]) for s in watch["stats"]]
    final = pts[-1][1] if pts else 0
    cen_rate = None
    if stamps and final:
        t_done = next(t for t, n in pts if n == final)
        cen_rate = (final - 1) / (t_done - stamps[0]) if t_done > stamps[0] else None
    pubs = load(f"{d}/publishers.json")
    last = watch["stats"][-1] if watch["stats"] else {"accepted": {}, "rejected_total": None}
    return {"nodes": sent["nodes"], "windows": sent["windows"], "subscriber": len(stamps),
            "sub_rate": sub_rate, "central": final, "central_rate": cen_rate,
            "births": last["accepted"].get("birth"), "rejected": last["rejected_total"],
            "ratio": cen_rate / sub_rate if cen_rate and sub_rate else None,
            "stage_us": stage_us(watch["stats"]), "publishers": pubs,
            "cpu": {n: cpu_share(watch["proc"], n) for n in ("central", "broker", "subscriber")}}


def scale(work):
    d = f"{work}/scale"
    fleet, probe, watch = load(f"{d}/fleet.json"), load(f"{d}/probe.json"), load(f"{d}/watch.json")
    restart = load(f"{d}/restart.json")
    acked = dict(fleet["acked"])
    for k, n in probe["acked"].items():
        acked[k] = acked.get(k, 0) + n
    last = watch["stats"][-1]
    accepted = last["accepted"]
    lost = sum(acked.values()) - sum(accepted.values()) - last["rejected_total"]
    t0, t1 = fleet["windows_from"], fleet["windows_to"]
    during = [s for s in watch["stats"] if t0 <= s["t"] <= t1]

    def queue(s):
        return (s.get("ingest") or {}).get("queue", s.get("ingest_queue")) or 0

    broker = [b for b in watch["broker"] if t0 <= b["t"] <= t1 and "store" in b and "retained" in b]
    backlog_end = queue(during[-1]) if during else None
    broker_end = broker[-1]["store"] - broker[-1]["retained"] if broker else None
    second = [s for s in during if s["t"] >= (t0 + t1) / 2]
    rate = None
    if len(second) > 1 and second[-1]["t"] > second[0]["t"]:
        rate = (second[-1]["accepted"]["data"] - second[0]["accepted"]["data"]) / (
            second[-1]["t"] - second[0]["t"])
    rss = [p["VmRSS"] for p in watch["proc"] if "VmRSS" in p]
    hwm = [p["VmHWM"] for p in watch["proc"] if "VmHWM" in p]
    offered = fleet["offered_rate"] or 0
    allowed = max(1000, offered)
    keeps_up = (backlog_end is not None and backlog_end <= allowed and
                (broker_end is None or broker_end <= allowed) and
                rate is not None and rate >= 0.97 * offered)
    return {"fleet": fleet, "acked": acked, "accepted": accepted, "rejected": last["rejected"],
            "rejected_total": last["rejected_total"], "lost": lost, "probe": probe,
            "restart": restart, "rate_second_half": rate, "queue_end": backlog_end,
            "broker_queued_end": broker_end, "keeps_up": keeps_up,
            "rss_max_kb": max(rss) if rss else None, "hwm_kb": hwm[-1] if hwm else None,
            "healthz_p99": pct(watch["healthz_ms"], 0.99), "healthz_n": len(watch["healthz_ms"]),
            "healthz_failed": watch["healthz_failed"], "dropped": (broker[-1] if broker else
                                                                 {}).get("dropped"),
            "stats_took_max": max((s["took_s"] for s in watch["stats"]), default=None),
            "stage_us": stage_us(during),
            "cpu": {n: cpu_share(watch["proc"], n) for n in ("central", "broker")}}


def verdicts(c, s):
    fresh = s["probe"]["p99_ms"]
    served = s["restart"]["served_s"]
    return [
        ("ceiling: central ÷ bare subscriber >= 0.95",
         c["ratio"] is not None and c["ratio"] >= 0.95, f"{c['ratio']:.3f}" if c["ratio"] else "n/a"),
        ("ceiling: every window and birth accepted",
         c["central"] == c["windows"] and c["births"] == c["nodes"] and not c["rejected"],
         f"{c['central']:,} of {c['windows']:,} windows, {c['births']} of {c['nodes']} births"),
        ("scale: every message sent accepted or rejected with a reason", s["lost"] == 0,
         f"{s['lost']:,} unaccounted of {sum(s['acked'].values()):,}"),
        ("scale: central keeps up (no growing backlog)", s["keeps_up"],
         f"ingest queue at the end {s['queue_end']}, broker queued {s['broker_queued_end']}, "
         f"accepted {s['rate_second_half'] or 0:,.0f} of {s['fleet']['offered_rate'] or 0:,.0f} msg/s"),
        ("scale: RSS < 1 GiB", s["rss_max_kb"] is not None and s["rss_max_kb"] < 1 << 20,
         f"max VmRSS {(s['rss_max_kb'] or 0) / 1024:.0f} MiB"),
        ("scale: /healthz p99 < 50 ms", s["healthz_p99"] is not None and s["healthz_p99"] < 50,
         f"{s['healthz_p99'] or 0:.1f} ms over {s['healthz_n']} polls"),
        ("restart: indicator served < 3 s", served is not None and served < 3,
         f"{served:.2f} s" if served is not None else "not served"),
        ("freshness: ts_ms -> retained indicator p99 < 250 ms", fresh is not None and fresh < 250,
         f"p50 {s['probe']['p50_ms'] or 0:.0f} ms, p99 {fresh or 0:.0f} ms, {s['probe']['late']} "
         "later than the next window of "
         f"{s['probe']['measured']}"),
    ]


def fmt_stages(st):
    if not st:
        return "n/a (this central's /api/v1/stats has no \"ingest\".\"stage_ns_total\")"
    return ", ".join(f"{k} {v:.1f} µs" for k, v in st.items()) + f" (sum {sum(st.values()):.1f} µs)"


def pct_core(v):
    return f"{v:.0f} %" if v is not None else "n/a"


def load_averages(work):
    start = open(f"{work}/loadavg.start").read().strip() if os.path.exists(
        f"{work}/loadavg.start") else "n/a"
    return start, " ".join(open("/proc/loadavg").read().split()[:3])


def section(c, s, results, loads):
    mosq = subprocess.run(["mosquitto", "-h"], capture_output=True, text=True).stdout.splitlines()
    f = s["fleet"]
    lines = [BEGIN, "## Central ingest", "",
             f"Measured {datetime.date.today()} on {os.cpu_count()} cores, Linux "
             f"{platform.release()}, {mosq[0] if mosq else 'mosquitto'}; suanli-central "
             f"RelWithDebInfo; load average at start {loads[0]}, at end {loads[1]} (other "
             "work on the machine takes CPU from every process here: figures are indicative). "
             "Reproduce: `./bench/central_ingest/run.sh` (sizes: `--nodes`, "
             "`--seconds`, `--ceiling-windows`, `--ceiling-nodes`). This run: "
             f"{c['windows']:,} ceiling windows, {s['fleet']['nodes']:,} nodes for "
             f"{s['fleet']['windows_seconds']:.0f} s (the issue's sizes, the defaults, are "
             "200,000 windows and 100,000 nodes for 600 s).", "",
             "| target | result | met |", "|---|---|---|"]
    lines += [f"| {name} | {detail} | {'yes' if ok else '**no**'} |" for name, ok, detail in results]
    lines += [
        "", "**Ceiling.** " f"{c['nodes']} parallel `mosquitto_pub -l -q 1` streams, one per node "
        f"(its retained birth first), {c['windows']:,} pre-encoded windows of 8 × H100 in all; a "
        "bare `mosquitto_sub -q 1` on the same topics in the same run. Subscriber: "
        f"{c['subscriber']:,} messages, {c['sub_rate'] or 0:,.0f} msg/s; central: "
        f"{c['central']:,} accepted, {c['central_rate'] or 0:,.0f} msg/s. CPU (% of one core): "
        f"central {pct_core(c['cpu']['central'])}, broker {pct_core(c['cpu']['broker'])}, "
        f"subscriber {pct_core(c['cpu']['subscriber'])}, the {c['publishers']['streams']} "
        f"publishers together {pct_core(100 * c['publishers']['cpu_s'] / c['publishers']['wall_s'])}"
        " (while they ran). Per message by stage: "
        f"{fmt_stages(c['stage_us'])}.", "",
        "**Scale.** " f"{f['nodes']:,} nodes × 8 H100 at {f['interval_ms'] / 1000:g} s for "
        f"{f['windows_seconds']:.0f} s: {f['offered_rate'] or 0:,.0f} windows/s offered (the "
        f"publisher fell at most {f['worst_lag_s'] * 1000:.0f} ms behind its schedule; its CPU "
        f"{f['cpu_s']:.0f} s). Sent and acknowledged by the broker: "
        + ", ".join(f"{k} {n:,}" for k, n in sorted(s["acked"].items())) + "; accepted by central: "
        + ", ".join(f"{k} {n:,}" for k, n in sorted(s["accepted"].items()))
        + f"; rejected {s['rejected_total']:,}"
        + (" (" + ", ".join(f"{k} {n}" for k, n in s["rejected"].items() if n) + ")"
           if s["rejected_total"] else "")
        + f". Broker drops: {s['dropped']}. Central VmRSS max {(s['rss_max_kb'] or 0) / 1024:.0f} "
        f"MiB (VmHWM {(s['hwm_kb'] or 0) / 1024:.0f} MiB); CPU central "
        f"{pct_core(s['cpu']['central'])}, broker {pct_core(s['cpu']['broker'])}; slowest "
        f"/api/v1/stats {s['stats_took_max'] or 0:.2f} s; /healthz failures "
        f"{s['healthz_failed']}. Per message by stage: {fmt_stages(s['stage_us'])}. Restart on "
        f"that store: first indicator answer after {s['restart']['first_answer_s'] or 0:.2f} s, "
        f"with the installed figure ({s['restart']['installed_pflops']:,.1f} PFLOPS fp16) after "
        + (f"{s['restart']['served_s']:.2f} s." if s["restart"]["served_s"] is not None
           else "never (120 s)."), "",
        "**Method.** On two cores the broker, central, the subscriber and the publishers share "
        "the CPUs, so the ceiling is this machine's, not one process's: the CPU shares above say "
        "who was busy. `bench/central_ingest/run.sh`: a private Mosquitto per phase "
        "(`max_queued_messages` 5,000,000, `max_inflight_messages` 1000, `sys_interval` 1). "
        "Messages are suanli-sim's own (agent/fleet, the agent's encoder), captured once and used "
        "as templates whose node id, boot, seq and times are filled in (`templates.py`). The "
        "scale phase's fleet is `fleet_pub.py`, a bare MQTT 3.1.1 QoS 1 publisher at a few µs a "
        "message: suanli-sim itself costs ~190 µs of CPU a message through Paho C "
        "(its queue scans and thread hand-offs), about two cores at 10 k msg/s, more than this "
        "machine has beside the broker and central. (The earlier method's missing births, 93,248 "
        "of 100,000, were lost in suanli-sim: Paho refused publishes past its buffer of 100 "
        "waiting for its send thread, and only windows were counted; agent/fleet now sizes that "
        "buffer to `max_in_flight` and counts every kind.) Every node publishes retained status and "
        "birth, its windows evenly spread, then retained status offline; a message counts as "
        "sent when the broker acknowledged it, and the run fails unless central accepted or "
        "rejected (by reason) every one. `watch.py` polls /api/v1/stats every second (0.1 s in "
        "the ceiling), /healthz five times a second (a fresh connection each, Python's client "
        "included), central's VmRSS and the broker's `$SYS` store and retained counts; central "
        "keeps up when its accepted rate in the second half is at least 97 % of the offered one "
        "and neither its ingest queue nor the broker's queued messages hold more than a second's "
        "messages at the end. Freshness (`probe.py`): a node of its own center publishes a window "
        "about every second (±20 %), device 0 unhealthy in odd ones, so the center's live fp16 "
        "figure in the retained indicator tells which window it reflects; latency is the "
        "indicator's arrival (`mosquitto_sub -F %U`) minus the window's ts_ms. Restart: SIGTERM, "
        "then a new central on the same store with the broker (and its retained births) still "
        "up, timed from the process start to the first GET /api/v1/indicator with the installed "
        "figure it had before.",
        "", END]
    return "\n".join(lines) + "\n"


def main():
    work = sys.argv[1]
    c, s = ceiling(work), scale(work)
    results = verdicts(c, s)
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    if len(sys.argv) > 2:
        write_section(sys.argv[2], BEGIN, END, section(c, s, results, load_averages(work)))
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


if __name__ == "__main__":
    main()
