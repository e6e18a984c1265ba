#!/usr/bin/env bash
# bench/central_ingest: suanli-central at city scale, in one run, against the issue's targets.
#
#   ./bench/central_ingest/run.sh [--nodes 100000] [--seconds 600] [--interval-ms 10000]
#       [--ceiling-nodes 8] [--ceiling-windows 200000] [--connections 4] [--no-doc]
#
# 1. Ceiling: CEILING_NODES parallel `mosquitto_pub -l -q 1` streams (one per node, its birth
#    first) of CEILING_WINDOWS pre-encoded windows in all; a bare `mosquitto_sub -q 1` on the same
#    topics in the same run is the baseline. Central ÷ subscriber, every window accepted, µs a
#    message by stage (GET /api/v1/stats "ingest").
# 2. Scale: NODES nodes x 8 H100 at INTERVAL_MS for SECONDS (fleet_pub.py), with watch.py
#    sampling central's stats, RSS, /healthz and the broker's $SYS; every message sent must be
#    accepted or rejected with a reason. Then central restarts on that store: time to an
#    indicator with the same installed figure.
# 3. Freshness, during the scale phase: probe.py, window ts_ms -> retained indicator.
# Prints pass/fail per target and writes the "Central ingest" section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/central_ingest

nodes=100000
seconds=600
interval_ms=10000
ceiling_nodes=8
ceiling_windows=200000
connections=4
write_doc=1
while (($#)); do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --interval-ms) interval_ms=$2; shift 2 ;;
    --ceiling-nodes) ceiling_nodes=$2; shift 2 ;;
    --ceiling-windows) ceiling_windows=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

./scripts/setup.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSUANLI_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" --target suanli-central suanli-sim
central_bin=$PWD/build-bench/central/suanli-central

# Every run's configs, logs and JSON stay here (the ceiling's streams are removed).
work=$PWD/build-bench/central_ingest/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work"
cut -d' ' -f1-3 /proc/loadavg >"$work/loadavg.start"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work/ceiling/streams"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
stats() { curl -fsS --max-time 30 "http://127.0.0.1:$http_port/api/v1/stats"; }
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

start_broker() {  # start_broker DIR: sets broker_port, broker_pid
  broker_port=$(port)
  # Queues sized deliberately: Mosquitto's default of 1000 queued QoS 1 messages would drop.
  cat >"$1/mosquitto.conf" <<CONF
listener $broker_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 5000000
max_inflight_messages 1000
sys_interval 1
CONF
  mosquitto -c "$1/mosquitto.conf" >"$1/mosquitto.log" 2>&1 &
  broker_pid=$!
  pids+=("$broker_pid")
  for _ in $(seq 1 50); do
    # shellcheck disable=SC2016 # a literal topic
    mosquitto_sub -p "$broker_port" -t '$SYS/broker/version' -C 1 -W 1 >/dev/null 2>&1 && return
    sleep 0.1
  done
}

start_central() {  # start_central DIR: sets http_port (kept across restarts), central_pid
  if [[ ! -f "$1/central.json" ]]; then
    http_port=$(port)
    cat >"$1/central.json" <<CONF
{"mqtt": {"uri": "mqtt://127.0.0.1:$broker_port", "version": 5},
 "http": {"listen": "127.0.0.1:$http_port"}, "store": {"path": "$1/central.db"},
 "log_level": "warn", "centers": {"bench": {"name": "bench"}, "probe": {"name": "probe"}}}
CONF
  fi
  "$central_bin" --config "$1/central.json" >>"$1/central.log" 2>&1 &
  central_pid=$!
  pids+=("$central_pid")
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && return
    sleep 0.1
  done
}

stop_all() {  # the phase's central and broker
  kill -TERM "$central_pid" "$broker_pid" 2>/dev/null || true
  wait "$central_pid" "$broker_pid" 2>/dev/null || true
  pids=()
}

capture() {  # capture CENTER COUNT INTERVAL_MS DEVICES OUT: suanli-sim's messages as templates
  local d=$work/capture-$1
  mkdir -p "$d"
  start_broker "$d"
  cat >"$d/fleet.json" <<CONF
{"mqtt": {"uri": "mqtt://127.0.0.1:$broker_port"}, "publish_interval_ms": $3,
 "nodes_per_connection": $2, "connections": 1, "stop_after_windows": 2,
 "rate": {"windows_per_s": 0},
 "centers": [{"id": "$1", "district": "$1", "nodes": [{"prefix": "qqtplqq", "count": $2,
   "devices": [{"model": "H100 SXM5 80GB", "count": $4}]}]}]}
CONF
  mosquitto_sub -p "$broker_port" -v -t 'suanli/v1/+/+/birth' -t 'suanli/v1/+/+/data' \
    -C $(($2 * 3)) -W 60 >"$5" &
  local sub=$!
  sleep 0.3
  ./build-bench/agent/fleet/suanli-sim --config "$d/fleet.json" 2>"$d/sim.log"
  wait "$sub"
  kill -TERM "$broker_pid"; wait "$broker_pid" 2>/dev/null || true
  pids=()
}

wait_accepted() {  # wait_accepted EXPR TARGET [LIMIT_S]: until stats EXPR >= TARGET or no progress
  local last=-1 same=0 got
  while :; do
    got=$(stats | json_get "$1") || got=0
    ((got >= $2)) && return 0
    if ((got == last)); then ((++same > ${3:-100})) && return 1; else same=0; fi
    last=$got
    sleep 0.1
  done
}

capture bench 16 "$interval_ms" 8 "$work/bench.capture"
capture probe 1 1000 2 "$work/probe.capture"

# 1. Ceiling.
d=$work/ceiling
mkdir -p "$d/streams"
start_broker "$d"
start_central "$d"
per=$((ceiling_windows / ceiling_nodes))
total=$((per * ceiling_nodes))
python3 - "$work/bench.capture" "$d/streams" "$ceiling_nodes" "$per" "$interval_ms" <<'PY'
import sys, time
sys.path.insert(0, "bench/central_ingest")
import templates
capture, out, nodes, per, interval = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
births, windows = templates.load(capture)
boot, now = int(time.time()), time.time_ns() // 1_000_000
for j in range(nodes):
    name = f"c-{j:06d}"
    open(f"{out}/{name}.birth", "wb").write(births[j % len(births)].render(
        templates.node_values(name, boot, 0, now)))
    with open(f"{out}/{name}.data", "wb") as f:
        for k in range(per):
            end = now - (per - k) * interval  # in the past: central drops the far future
            f.write(windows[(j + k) % len(windows)].render(
                templates.node_values(name, boot, k, end, end - interval, end)) + b"\n")
PY
mosquitto_sub -p "$broker_port" -q 1 -t 'suanli/v1/+/+/data' -C "$total" -F '%U' \
  >"$d/sub.stamps" 2>"$d/sub.log" &
sub_pid=$!
pids+=("$sub_pid")
for f in "$d"/streams/*.birth; do
  node=$(basename "$f" .birth)
  mosquitto_pub -p "$broker_port" -q 1 -r -t "suanli/v1/bench/$node/birth" -f "$f"
done
wait_accepted "d['accepted']['birth']" "$ceiling_nodes" || echo "ceiling: births not all accepted" >&2
python3 $here/watch.py --http "127.0.0.1:$http_port" --broker-port "$broker_port" \
  --pid central="$central_pid" --pid broker="$broker_pid" --pid subscriber="$sub_pid" \
  --stats-every 0.1 --healthz-every 0.5 --stop-file "$d/stop" --out "$d/watch.json" &
watch_pid=$!
sleep 0.5
python3 - "$broker_port" "$d" >"$d/publishers.json" <<'PY'
import glob, json, os, resource, subprocess, sys, time
port, d = sys.argv[1], sys.argv[2]
t0 = time.monotonic()
procs = [subprocess.Popen(["mosquitto_pub", "-p", port, "-q", "1", "-l", "-t",
                           f"suanli/v1/bench/{os.path.basename(f)[:-5]}/data"], stdin=open(f))
         for f in sorted(glob.glob(f"{d}/streams/*.data"))]
codes = [p.wait() for p in procs]
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"streams": len(procs), "failed": sum(1 for c in codes if c),
                  "wall_s": time.monotonic() - t0, "cpu_s": u.ru_utime + u.ru_stime}))
PY
for _ in $(seq 1 600); do kill -0 "$sub_pid" 2>/dev/null || break; sleep 0.1; done
wait_accepted "d['accepted']['data']" "$total" || echo "ceiling: windows not all accepted" >&2
touch "$d/stop"
wait "$watch_pid"
kill "$sub_pid" 2>/dev/null || true
echo "{\"nodes\": $ceiling_nodes, \"windows\": $total}" >"$d/sent.json"
stop_all

# 2 and 3. Scale and freshness, then the restart.
d=$work/scale
mkdir -p "$d"
start_broker "$d"
start_central "$d"
python3 $here/watch.py --http "127.0.0.1:$http_port" --broker-port "$broker_port" \
  --pid central="$central_pid" --pid broker="$broker_pid" \
  --stop-file "$d/stop" --out "$d/watch.json" &
watch_pid=$!
python3 $here/fleet_pub.py --port "$broker_port" --capture "$work/bench.capture" \
  --nodes "$nodes" --seconds "$seconds" --interval-ms "$interval_ms" \
  --connections "$connections" --births-done "$d/births_done" --out "$d/fleet.json" &
fleet_pid=$!
while [[ ! -f "$d/births_done" ]] && kill -0 "$fleet_pid" 2>/dev/null; do sleep 0.2; done
python3 $here/probe.py --port "$broker_port" --capture "$work/probe.capture" \
  --stop-file "$d/probe_stop" --out "$d/probe.json" &
probe_pid=$!
wait "$fleet_pid"
touch "$d/probe_stop"
wait "$probe_pid"
sent=$(python3 -c "import json; a=json.load(open('$d/fleet.json'))['acked']; \
p=json.load(open('$d/probe.json'))['acked']; print(sum(a.values()) + sum(p.values()))")
wait_accepted "sum(d['accepted'].values()) + d['rejected_total']" "$sent" 150 ||
  echo "scale: not every message sent is accounted for" >&2
touch "$d/stop"
wait "$watch_pid"

installed=$(curl -fsS "http://127.0.0.1:$http_port/api/v1/indicator" |
  json_get "d['headline']['installed_pflops']")
kill -TERM "$central_pid"
wait "$central_pid" || true
python3 - "$central_bin" "$d" "$http_port" "$installed" >"$d/restart.json" <<'PY'
import json, subprocess, sys, time, urllib.request
binary, d, port, installed = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
t0 = time.monotonic()
proc = subprocess.Popen([binary, "--config", f"{d}/central.json"],
                        stdout=open(f"{d}/central.log", "a"), stderr=subprocess.STDOUT)
served = first_answer = None
while time.monotonic() - t0 < 120 and served is None:
    try:
        doc = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/indicator",
                                               timeout=5))
        first_answer = first_answer or time.monotonic() - t0
        if abs(doc["headline"]["installed_pflops"] - installed) <= 1e-9 * max(1.0, installed):
            served = time.monotonic() - t0
    except Exception:
        pass
    time.sleep(0.02)
proc.terminate()
proc.wait()
print(json.dumps({"installed_pflops": installed, "first_answer_s": first_answer,
                  "served_s": served}))
PY
stop_all

echo "run folder: $work"
doc=()
((write_doc)) && doc=(docs/benchmarks.md)
python3 $here/report.py "$work" "${doc[@]}"
