#!/usr/bin/env python3
"""Turns one agent_footprint run into the "Agent footprint" section of docs/benchmarks.md.

usage: report.py --work RUN_DIR (--print | --doc docs/benchmarks.md)

--print writes the section to standard output; --doc replaces the text between the section's
BEGIN and END markers in the file (appending the section, or creating the file, when absent)
and leaves every other section as it is.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from doc_section import write_section  # noqa: E402
from smaps_by_mapping import grouped  # noqa: E402

BEGIN = "<!-- BEGIN agent_footprint: written by bench/agent_footprint/run.sh; edits are overwritten -->"
END = "<!-- END agent_footprint -->"
CLIENTS = ("agent", "collectd")
SAMPLE_CPU_TARGET_US = 300  # issue 15: CPU per 1 s sample with 8 GPUs
ANONYMOUS_TARGET_KB = 1536  # 1.5 MB with 8 GPUs


def load_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            env[key] = value
    return env


def load(work):
    with open(os.path.join(work, "footprint.json")) as f:
        footprint = json.load(f)
    with open(os.path.join(work, "published.json")) as f:
        published = json.load(f)
    return footprint, published, load_env(os.path.join(work, "run.env"))


def birth_summary(work):
    try:
        with open(os.path.join(work, "agent-birth.json")) as f:
            birth = json.loads(f.readline())
    except (OSError, ValueError):
        return "no birth message was received"
    backends = {}
    for device in birth.get("devices", []):
        backends[device.get("backend", "?")] = backends.get(device.get("backend", "?"), 0) + 1
    return ", ".join(f"{n} × {backend}" for backend, n in sorted(backends.items()))


def mb(kb):
    return f"{kb / 1024:.2f} MB"


def verdict(agent, collectd):
    return "**yes**" if agent <= collectd else "no"


def ratio(agent, collectd):
    return f"{agent / collectd:.2f}×" if collectd else "—"


def memory_rows(procs):
    a, c = procs["agent"], procs["collectd"]
    rows = []
    for label, key, source in (
        ("RSS peak (VmHWM)", "VmHWM", "status_kB"),
        ("RSS at the end (VmRSS)", "VmRSS", "status_kB"),
        ("anonymous memory (`Anonymous`)", "Anonymous", "smaps_rollup_kB"),
        ("private dirty (`Private_Dirty`)", "Private_Dirty", "smaps_rollup_kB"),
        ("proportional set size (`Pss`)", "Pss", "smaps_rollup_kB"),
        ("file-backed RSS (`RssFile`)", "RssFile", "status_kB"),
    ):
        rows.append((label, mb(a[source][key]), mb(c[source][key]), ratio(a[source][key], c[source][key])))
    rows.append(("threads", str(a["status_kB"]["Threads"]), str(c["status_kB"]["Threads"]), ""))
    return rows


def cpu_rows(procs):
    a, c = procs["agent"], procs["collectd"]
    return [
        ("CPU seconds (utime+stime), whole life", f"{a['cpu_s']:.2f} s", f"{c['cpu_s']:.2f} s",
         ratio(a["cpu_s"], c["cpu_s"])),
        ("% of one core, whole life", f"{a['cpu_pct_one_core']:.3f} %",
         f"{c['cpu_pct_one_core']:.3f} %", ratio(a["cpu_pct_one_core"], c["cpu_pct_one_core"])),
        ("% of one core after warm-up (ticks)", f"{a['steady_cpu_pct_one_core']:.3f} %",
         f"{c['steady_cpu_pct_one_core']:.3f} %",
         ratio(a["steady_cpu_pct_one_core"], c["steady_cpu_pct_one_core"])),
    ]


def published_rows(published, seconds):
    a, c = published["agent"], published["collectd"]

    def both(fmt):
        return fmt(a), fmt(c)

    rows = [
        ("messages", *both(lambda p: f"{p['msgs']} ({p['msgs'] / seconds:.2f}/s)")),
        ("payload bytes", *both(lambda p: f"{p['payload_bytes']} ({p['payload_bytes'] / seconds:.0f} B/s)")),
        ("topic bytes", *both(lambda p: str(p["topic_bytes"]))),
        ("TCP bytes sent to the broker (MQTT, framing included)",
         *both(lambda p: f"{p['tcp_bytes_sent']} ({p['tcp_bytes_sent'] / seconds:.0f} B/s)")),
        ("messages by kind / plugin", *both(
            lambda p: ", ".join(f"{k} {v['msgs']}" for k, v in sorted(p["by_kind"].items())))),
    ]
    return [(label, x, y, "") for label, x, y in rows]


def table(rows):
    lines = ["| | suanli-agent | collectd | agent ÷ collectd |", "|---|---|---|---|"]
    lines += [f"| {label} | {a} | {c} | {r} |" for label, a, c, r in rows]
    return "\n".join(lines)


def breakdown(work, top=8):
    lines = ["| mapping | Rss | Anonymous | Private_Dirty | mappings |", "|---|---|---|---|---|"]
    for name, g in grouped(os.path.join(work, "agent-smaps.txt"))[:top]:
        lines.append(f"| `{name}` | {g['Rss']} kB | {g['Anonymous']} kB | {g['Private_Dirty']} kB "
                     f"| {g['mappings']} |")
    return "\n".join(lines)


# What a mapping is part of, for the side-by-side table: (category, pattern the group name
# starts with or contains). The first match wins; anything else is "other".
CATEGORIES = (
    ("C library and loader (`libc`, `ld-linux`, `libpthread`)", ("libc.so", "ld-linux", "libpthread")),
    ("OpenSSL (`libcrypto`, `libssl`)", ("libcrypto", "libssl")),
    ("C++ runtime (`libstdc++`, `libgcc_s`, `libm`)", ("libstdc++", "libgcc_s", "libm.so")),
    ("logging (`libspdlog`, `libfmt`)", ("libspdlog", "libfmt")),
    ("MQTT library (Paho C++ and C / `libmosquitto`)", ("libpaho", "libmosquitto")),
    ("vendor library (`libnvidia-ml`, the fake)", ("libnvidia-ml",)),
    ("the program (`suanli-agent` / `collectd` and its plugins)",
     ("suanli-agent", "collectd", "cpu.so", "memory.so", "load.so", "mqtt.so", "logfile.so")),
    ("`[heap]` (the main malloc arena)", ("[heap]",)),
    ("thread stacks (8 MiB mappings) and `[stack]`", ("[anon rw-p 8192 kB]", "[stack]")),
    ("other anonymous mappings (malloc arenas of threads, mmap'd blocks)", ("[anon",)),
)


def category(name):
    for label, patterns in CATEGORIES:
        if any(name.startswith(p) for p in patterns):
            return label
    return "other libraries"


def by_category(smaps_file):
    totals = {}
    for name, g in grouped(smaps_file):
        t = totals.setdefault(category(name), {"Rss": 0, "Anonymous": 0})
        t["Rss"] += g["Rss"]
        t["Anonymous"] += g["Anonymous"]
    return totals


def category_table(work):
    agent = by_category(os.path.join(work, "agent-smaps.txt"))
    collectd = by_category(os.path.join(work, "collectd-smaps.txt"))
    lines = ["| part | agent Rss | agent Anonymous | collectd Rss | collectd Anonymous |",
             "|---|---|---|---|---|"]
    zero = {"Rss": 0, "Anonymous": 0}
    for label in [c[0] for c in CATEGORIES] + ["other libraries"]:
        a, c = agent.get(label, zero), collectd.get(label, zero)
        if a["Rss"] == 0 and c["Rss"] == 0:
            continue
        lines.append(f"| {label} | {a['Rss']} kB | {a['Anonymous']} kB | {c['Rss']} kB "
                     f"| {c['Anonymous']} kB |")
    return "\n".join(lines)


def gap_notes(work, procs):
    agent = by_category(os.path.join(work, "agent-smaps.txt"))
    collectd = by_category(os.path.join(work, "collectd-smaps.txt"))

    def rss(totals, *labels):
        return sum(totals.get(label, {}).get("Rss", 0) for label in labels)

    def anon(totals, *labels):
        return sum(totals.get(label, {}).get("Anonymous", 0) for label in labels)

    libc, openssl, cpp, logging, mqtt, vendor, program, heap, stacks, other_anon = (
        c[0] for c in CATEGORIES)
    shared = rss(agent, libc, openssl)
    cxx = rss(agent, cpp, logging, mqtt)
    a_rss = procs["agent"]["status_kB"]["VmHWM"]
    c_rss = procs["collectd"]["status_kB"]["VmHWM"]
    threads = procs["agent"]["status_kB"]["Threads"]
    return f"""- **RSS** is almost all file-backed: pages of programs and libraries. The C library, the loader and OpenSSL are {shared} kB of the agent's {a_rss} kB and {rss(collectd, libc, openssl)} kB of collectd's {c_rss} kB (both MQTT libraries, Paho's `libpaho-mqtt3as` and collectd's `libmosquitto`, link OpenSSL and initialise it at start, TLS or not). The rest of the gap is C++: the C++ runtime, spdlog with fmt and Paho C++/C are {cxx} kB, and the program {rss(agent, program)} kB (about 1.2 MB of code; the kernel maps file pages in 64 kB blocks around each page fault, so most of it is resident) against collectd's C program and plugins of {rss(collectd, program)} kB. These pages are shared with every other process that maps the same files, so they cost a node little, but they count in RSS. Closing this gap needs a different build, not different code: the C++ parts linked statically with unused sections dropped (`-static-libstdc++ -static-libgcc`, spdlog and fmt header-only, Paho C and C++ from static libraries, `-ffunction-sections -Wl,--gc-sections`, `-Os`). Debian ships no static spdlog, fmt or Paho C++, and libstdc++ stays mapped as long as one shared C++ library is; even such a build keeps libc and OpenSSL, {shared} kB, already {100 * shared / c_rss:.0f} % of collectd's RSS.
- **Anonymous memory:** OpenSSL's {anon(agent, openssl)} kB are the same in both (its tables, written at initialisation). The agent's `[heap]` is {anon(agent, heap)} kB against {anon(collectd, heap) + anon(collectd, other_anon)} kB of heap and thread arenas in collectd. In the agent's heap, Paho C allocates a trace ring of 125 kB at start (400 entries of 312 bytes, `Log.c`; its size is fixed in Debian's build, `trace_settings` is not exported; a Paho C built with `PAHO_HIGH_PERFORMANCE` has no ring); at the trace level the agent sets (errors only) it is written only for Paho's errors, 73 kB libstdc++'s emergency exception pool (allocated at start, mostly never touched) and the peak-FLOPS catalog (46 rows with their sources and notes, about 70 kB). The rest is free space between live blocks: under heaptrack (same setup, 95 s) the live heap is 364 kB from 10 s on and does not grow, while the resident heap creeps up by a page every few windows in the first minutes as malloc's free space fragments; `malloc_trim` gives back almost nothing (the free pieces are smaller than a page), and switching glibc's per-thread caches off (`GLIBC_TUNABLES=glibc.malloc.tcache_count=0`) saved about 50 kB and stopped the creep in a 60 s trial. The C++ libraries' relocated data and `.bss` add {anon(agent, cpp, logging, mqtt)} kB that collectd has no counterpart for. Thread stacks: {anon(agent, stacks)} kB for {threads} threads (each touches about 8 kB of its stack): the main loop, the vendor-call lane (the sample tick and every device's calls in turn; a hung call keeps its thread and the lane gets a new one), the lane's watchdog, the MQTT client's worker, the replay thread and Paho's send and receive threads.
- **CPU** is under collectd's."""


def thread_table(proc):
    lines = ["| thread (tid) | CPU s | context switches |", "|---|---|---|"]
    live = 0.0
    for t in proc["threads"]:
        live += t["cpu_s"]
        lines.append(f"| `{t['name']}` ({t['tid']}) | {t['cpu_s']:.3f} | {t['ctxt_switches']} |")
    lines.append(f"| threads that had ended (process total − live threads) | "
                 f"{max(0.0, proc['cpu_s'] - live):.3f} | |")
    return "\n".join(lines)


def sample_interval_s(work):
    with open(os.path.join(work, "agent.json")) as f:
        return json.load(f)["sample_interval_ms"] / 1000


def cpu_us_per_sample(proc, interval_s):
    """On-CPU µs per sample interval after the warm-up: schedstat (ns) and ticks (10 ms)."""
    ticks_us_per_s = 1e6 * proc["steady_cpu_s"] / proc["steady_s"]
    return proc["steady_sched_cpu_us_per_s"] * interval_s, ticks_us_per_s * interval_s


def met(ok):
    return "met" if ok else "**not met**"


def targets(procs, interval_s):
    a, c = procs["agent"], procs["collectd"]
    sched_us, _ = cpu_us_per_sample(a, interval_s)
    baseline = ""
    if "baseline" in procs:
        base_us, _ = cpu_us_per_sample(procs["baseline"], interval_s)
        baseline = f"; the baseline in the same run {base_us:.0f} µs (agent ÷ baseline = {ratio(sched_us, base_us)})"
    anon = a["smaps_rollup_kB"]["Anonymous"]
    lines = [
        f"- CPU per sample (schedstat, after warm-up): agent {sched_us:.0f} µs → target "
        f"(under {SAMPLE_CPU_TARGET_US} µs) {met(sched_us < SAMPLE_CPU_TARGET_US)}{baseline}.",
        f"- CPU (% of one core over the whole run): agent {a['cpu_pct_one_core']:.3f} %, collectd "
        f"{c['cpu_pct_one_core']:.3f} % → target (at or under collectd) "
        f"{met(a['cpu_pct_one_core'] <= c['cpu_pct_one_core'])} (agent ÷ collectd = "
        f"{ratio(a['cpu_pct_one_core'], c['cpu_pct_one_core'])}).",
        f"- private memory (smaps_rollup `Anonymous`): agent {mb(anon)}, collectd "
        f"{mb(c['smaps_rollup_kB']['Anonymous'])} → target (at most {mb(ANONYMOUS_TARGET_KB)}) "
        f"{met(anon <= ANONYMOUS_TARGET_KB)}.",
        f"- reported beside collectd's: RSS (VmHWM) agent {mb(a['status_kB']['VmHWM'])}, collectd "
        f"{mb(c['status_kB']['VmHWM'])}; PSS agent {mb(a['smaps_rollup_kB']['Pss'])}, collectd "
        f"{mb(c['smaps_rollup_kB']['Pss'])}.",
    ]
    return "\n".join(lines)


def sampling_table(procs, interval_s):
    names = [n for n in ("baseline", "agent", "collectd") if n in procs]
    titles = {"baseline": "baseline agent", "agent": "suanli-agent", "collectd": "collectd"}
    rows = [
        ("CPU per sample, µs (schedstat)", lambda p: f"{cpu_us_per_sample(p, interval_s)[0]:.0f}"),
        ("CPU per sample, µs (ticks of 10 ms)",
         lambda p: f"{cpu_us_per_sample(p, interval_s)[1]:.0f}"),
        ("context switches per second", lambda p: f"{p['steady_ctxt_switches_per_s']:.1f}"),
        ("threads at the end", lambda p: str(p["status_kB"]["Threads"])),
        ("threads that ended after the warm-up", lambda p: str(p["threads_ended_in_steady"])),
        ("anonymous memory (`Anonymous`)", lambda p: mb(p["smaps_rollup_kB"]["Anonymous"])),
        ("RSS peak (VmHWM)", lambda p: mb(p["status_kB"]["VmHWM"])),
        ("`Pss`", lambda p: mb(p["smaps_rollup_kB"]["Pss"])),
    ]
    lines = ["| | " + " | ".join(titles[n] for n in names) + " |",
             "|---|" + "---|" * len(names)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(procs[n]) for n in names) + " |")
    return "\n".join(lines)


def baseline_note(env):
    if not env.get("baseline_bin"):
        return ("No baseline ran in this run (`--baseline-ref REF` or `--baseline-bin FILE` adds "
                "one).")
    ref = f" (commit {env['baseline_ref']})" if env.get("baseline_ref") else ""
    return (f"The baseline is `{env['baseline_bin']}`{ref}, {env.get('baseline', '')}, measured "
            f"agent at commit {env.get('agent_commit', '?')}. It ran beside the agent in the same "
            "run, with the same fake NVML, scenario and config (its own node id and state "
            "folder), started just before it.")


def section(work):
    footprint, published, env = load(work)
    procs = footprint["processes"]
    seconds = footprint["seconds"]
    variant = []
    if env.get("agent_env"):
        variant.append(f"agent environment `{env['agent_env']}`")
    if env.get("agent_stack_kb"):
        variant.append(f"agent `ulimit -s {env['agent_stack_kb']}`")
    if env.get("agent_bin") and env["agent_bin"] != f"{env['build_dir']}/agent/suanli-agent":
        variant.append(f"agent binary `{env['agent_bin']}`")
    variant_note = f" **Variant:** {', '.join(variant)}." if variant else ""
    broker = procs["broker"]
    interval_s = sample_interval_s(work)
    return f"""{BEGIN}
## Agent footprint: suanli-agent against collectd 5.12, same run

**Run:** {env['date_utc']}, {seconds:.0f} s measured (steady-state CPU from {footprint['warmup_s']:.0f} s on).{variant_note}
**Machine:** {env['nproc']} CPUs ({env['cpu_model']}), {env['mem_total']}, {env['os']}, kernel {env['kernel']}, CLK_TCK {footprint['clk_tck']}. Load average at start {env['loadavg_start']}, at end {env['loadavg_end']}.
**Versions:** {env['agent']} ({env['agent_build']} build) · collectd-core {env['collectd']} · mosquitto {env['mosquitto']}.
**Reproduce:** `./bench/agent_footprint/run.sh --seconds {seconds:.0f}{' --baseline-ref ' + env['baseline_ref'] if env.get('baseline_ref') else ''}`.

### Target

The targets: CPU per 1 s sample with 8 GPUs under {SAMPLE_CPU_TARGET_US} µs (issue 15), CPU at or under collectd's, anonymous memory at most {mb(ANONYMOUS_TARGET_KB)}, while doing more than collectd (8 GPUs, windows, spool); RSS and PSS are reported beside collectd's.

{targets(procs, interval_s)}

### Cost of a sample

On-CPU time and context switches summed over the live threads (`/proc/PID/task/TID/schedstat` and `status`) from the end of the warm-up to the end of the run, per sample interval ({interval_s * 1000:.0f} ms; collectd's `Interval` is 1 s too); the ticks of `/proc/PID/stat` as a cross-check. {baseline_note(env)}

{sampling_table(procs, interval_s)}

### What runs

- **suanli-agent**, built by the script in `{env['build_dir']}`, with the fake `libnvidia-ml.so.1` (`tests/fakes/nvml`, target `fake_nvml`) through `SUANLI_NVML_LIBRARY`, playing `tests/fixtures/nvml/h100x8.json` (8 × H100) through `SUANLI_FAKE_NVML_SCENARIO`; CPU backend on, AMD, Ascend and sim off; `sample_interval_ms` 1000, `publish_interval_ms` 10000; MQTT QoS 1 (protocol version at its default); `state_dir` (boot counter, spool) in the run's folder; `log_level` info. Its birth message listed {birth_summary(work)}.
- **collectd** (`collectd -f`), `Interval 1`, plugins logfile, cpu, memory, load and mqtt (QoS 1, `StoreRates true`), read and write threads at their defaults (5 + 5), as in `bench/agent_footprint/collectd.conf.in`. It reports no GPU: Debian's build has no NVIDIA plugin.
- **Broker:** one private Mosquitto on 127.0.0.1 at a free port, `persistence false`, `max_queued_messages 100000` (the default 1000 silently drops QoS 1 messages for a subscriber that falls behind). Broker log lines about dropped messages in this run: {env['broker_drops']}. The broker itself: VmHWM {mb(broker['status_kB']['VmHWM'])}, {broker['cpu_pct_one_core']:.3f} % of one core.
- Both clients start back to back (agent first, then collectd; the baseline agent, when there is one, just before the agent) with the same priority, after the broker and the subscribers; the watch starts right after.

### Method

- **RSS:** `VmHWM` (peak) and `VmRSS` from `/proc/PID/status` at the end of the run; `VmRSS` was also read every second (agent min/mean/max {procs['agent']['rss_kB_min']}/{procs['agent']['rss_kB_mean']}/{procs['agent']['rss_kB_max']} kB, collectd {procs['collectd']['rss_kB_min']}/{procs['collectd']['rss_kB_mean']}/{procs['collectd']['rss_kB_max']} kB).
- **Private memory:** `Anonymous` and `Private_Dirty` from `/proc/PID/smaps_rollup` at the end. `Anonymous` (heap, malloc arenas, thread stacks, other anonymous mappings) is the target's figure; `Private_Dirty` adds the written pages of file mappings (relocated data of the libraries).
- **CPU:** `utime + stime` (fields 14 and 15 of `/proc/PID/stat`, all threads) ÷ CLK_TCK; % of one core = CPU seconds ÷ seconds since the process started (field 22), so start-up counts. The steady figure uses only the part after the warm-up. Ticks are 10 ms, so a figure of a few tenths of a CPU second is coarse; the more precise `/proc/PID/task/*/schedstat` gives the cost of a sample, but misses threads that have ended (the agent's only ones are threads left in a hung vendor call, which end when it returns: none here; "threads that ended after the warm-up" above says so).
- **Bytes published:** one `mosquitto_sub -q 1 -F '%U %l %t'` per client topic tree (`suanli/v1/bench/bench-node/#`, `collectd/#`) counts messages and payload bytes received until the end of the watch; `ss -tinpHO` at the end gives each client's `bytes_sent` on its broker connection (all MQTT packets: CONNECT, PUBLISH with topic and payload, PINGREQ, ...).
- **Noise:** anything else running shares the same {env['nproc']} CPUs (the load averages above say how busy the machine was), so the CPU figures are noisy; both clients suffer the same, since they run at the same time. Memory figures are not affected.
- Scripts: `bench/agent_footprint/run.sh` (orchestration), `measure.py` (/proc), `published.py` (subscribers, ss), `report.py` (this section), `smaps_by_mapping.py` (the breakdown below). Every run's configs, logs, smaps copies and JSON stay in `{env['build_dir']}/agent_footprint/<UTC time>/`.

### Memory

{table(memory_rows(procs))}

### CPU

{table(cpu_rows(procs))}

### Published

{table(published_rows(published, seconds))}

### The agent's threads at the end

On-CPU time from `/proc/PID/task/TID/schedstat`, context switches (voluntary + involuntary) from `/proc/PID/task/TID/status`, both over each thread's life:

{thread_table(procs['agent'])}

### Where the agent's memory is

The agent's largest mappings at the end of the run (`/proc/PID/smaps`, summed by what is mapped; `smaps_by_mapping.py`):

{breakdown(work)}

Both processes side by side, by what the memory belongs to:

{category_table(work)}

### What brought the figures down

- Issue 15, second step: the vendor-call lane's worker starts the sample rounds itself (`CallLane::every`, `DeviceSet::start_sampling`) and runs their calls, so a round costs one thread wake-up instead of three (a sampling worker woke for its timer, handed the calls to the lane and was woken again when they were done); a watchdog thread sleeps on a `timerfd` that the worker arms for its calls and wakes only when one hangs. Discovery runs on a thread of its own while it lasts. `/proc/stat` stays open and is read again from its start (`collectors/kept_file.hpp`): its open and close cost the kernel more than generating it. Paho C's trace level is set to errors only (`uplink/mqtt/client.cpp`): its threads wrote a trace entry (under a mutex, with a timestamp and the function's name) at every entry to and exit from a Paho function.
- Issue 15: vendor calls run one after another on one thread (`agent/call_lane.hpp`), each under its deadline, instead of one pooled thread per device started at once every sample: the sampling round no longer wakes and waits on nine threads, and a device gets a thread of its own only while a call to it hangs (docs/design.md, "Threads"). The worker keeps the sample timer on its own loop and leaves finished rounds for the window's close, so the main loop is no longer woken twice a sample. `/proc/stat` is read with `read(2)` and parsed with `from_chars` instead of an `ifstream` and an `istringstream` per line. The table "Cost of a sample" compares this with the code before when the run has a baseline.
- Before that: vendor calls reused pooled threads instead of one new thread per call; the MQTT replay thread sleeps until there is a backlog; Paho leaves OpenSSL's initialisation to OpenSSL 3. This brought CPU under collectd's.
- libcurl is opened with `dlopen` only when `http.url` is set (`uplink/http/curl_library.cpp`, a table of the nine libcurl functions the HTTP poster calls). An agent that publishes over MQTT no longer maps libcurl and the 28 libraries it brings (GnuTLS, p11-kit, Kerberos, LDAP, SASL, SSH, RTMP, nghttp2, IDN, PSL, brotli, zstd, ...): in the run before this change they were 3.9 MB of the agent's 13.3 MB RSS and 0.5 MB of its 2.3 MB of anonymous memory. The packages must still name libcurl4 (`Depends`), since it is no longer a link-time dependency.
- One malloc arena for all threads (`mallopt(M_ARENA_MAX, 1)` first thing in `agent/main.cpp`). glibc's default is an arena for each thread that allocates, up to 8 per core: there were 13, holding 330 kB of touched memory, for threads that allocate a few small blocks a second.

### Why the agent is still above collectd

{gap_notes(work, procs)}

### Caveats

- The fake NVML is a small library; a real `libnvidia-ml.so.1` maps more (its file-backed pages add to RSS, not to anonymous memory) and its calls cost more CPU than the fake's.
- The two do different work: the agent samples 8 GPUs and the CPUs, keeps windows and a spool and publishes one JSON message per 10 s window; collectd samples CPU, memory and load and publishes one small text message per value per second.
{END}
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--print", action="store_true")
    mode.add_argument("--doc")
    args = parser.parse_args()
    text = section(args.work)
    if args.print:
        sys.stdout.write(text)
    else:
        write_section(args.doc, BEGIN, END, text)


if __name__ == "__main__":
    main()
