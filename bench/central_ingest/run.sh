#!/usr/bin/env bash
# bench/central_ingest: how fast suanli-central ingests, against the broker's own limit.
#
#   ./bench/central_ingest/run.sh [--nodes 10000] [--windows 20] [--registry-nodes 100000] [--no-doc]
#
# suanli-sim publishes NODES x WINDOWS data windows (8 x H100 per node, as fast as the broker
# acknowledges) through a private Mosquitto on loopback. In the same run a bare `mosquitto_sub`
# (QoS 1) on the same data topics measures the broker's delivery rate: the baseline. Central's
# rate comes from its own accepted-data counter (GET /api/v1/stats, polled every 0.1 s). Then
# central's memory with NODES and with REGISTRY_NODES registered nodes. Writes the
# "Central ingest" section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

nodes=10000
windows=20
registry_nodes=100000
write_doc=1
while (($#)); do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --windows) windows=$2; shift 2 ;;
    --registry-nodes) registry_nodes=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

./scripts/setup.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUANLI_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j "$(nproc)" --target suanli-central suanli-sim

work=$(mktemp -d -t suanli-central-ingest.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

run_phase() {  # run_phase NAME NODES WINDOWS: broker, central, subscriber, sim; writes $work/NAME.json
  local name=$1 n=$2 w=$3
  local broker_port http_port dir=$work/$name
  broker_port=$(port)
  http_port=$(port)
  mkdir -p "$dir"
  # Queues sized deliberately: Mosquitto's default of 1000 queued QoS 1 messages would drop.
  cat >"$dir/mosquitto.conf" <<CONF
listener $broker_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 5000000
max_inflight_messages 1000
CONF
  python3 - "$dir" "$broker_port" "$http_port" "$n" "$w" <<'PY'
import json, sys
d, bp, hp, n, w = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
uri = f"mqtt://127.0.0.1:{bp}"
per = max(1, -(-n // 10))
json.dump({"mqtt": {"uri": uri, "version": 5}, "publish_interval_ms": 1000,
           "nodes_per_connection": per, "connections": 10, "max_in_flight": 1000,
           "stop_after_windows": w, "rate": {"windows_per_s": 0},
           "centers": [{"id": "bench", "district": "bench",
                        "nodes": [{"prefix": "n", "count": n,
                                   "devices": [{"model": "H100 SXM5 80GB", "count": 8}]}]}]},
          open(f"{d}/fleet.json", "w"))
json.dump({"mqtt": {"uri": uri, "version": 5}, "http": {"listen": f"127.0.0.1:{hp}"},
           "store": {"path": f"{d}/central.db"}, "log_level": "warn",
           "centers": {"bench": {"name": "bench"}}},
          open(f"{d}/central.json", "w"))
PY
  mosquitto -c "$dir/mosquitto.conf" >"$dir/mosquitto.log" 2>&1 &
  pids+=($!)
  sleep 0.5
  ./build-bench/central/suanli-central --config "$dir/central.json" >"$dir/central.log" 2>&1 &
  local central=$!
  pids+=($central)
  local total=$((n * w))
  mosquitto_sub -p "$broker_port" -q 1 -V mqttv5 -t 'suanli/v1/+/+/data' -C "$total" -F '%U' \
    >"$dir/sub.stamps" 2>"$dir/sub.log" &
  local sub=$!
  pids+=($sub)
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  sleep 1
  ./build-bench/agent/fleet/suanli-sim --config "$dir/fleet.json" 2>"$dir/sim.log" &
  local sim=$!
  pids+=($sim)
  python3 - "$http_port" "$total" "$dir/central_rate.json" "$central" "$sim" <<'PY'
import json, os, sys, time, urllib.request
port, total, out, pid, sim = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
first = last = None
seen = 0
stalled_since = time.time()
while True:
    try:
        stats = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=5))
    except Exception:
        time.sleep(0.1)
        continue
    now = time.time()
    got = stats["accepted"]["data"]
    if got > 0 and first is None:
        first = now
    if got > seen:
        seen, last, stalled_since = got, now, now
    # Done: everything arrived; or the publisher has exited, central's queue is empty and
    # nothing moved for 5 s; or nothing moved for 10 minutes.
    sim_done = not os.path.exists(f"/proc/{sim}") or open(f"/proc/{sim}/stat").read().split()[2] == "Z"
    idle = stats.get("ingest_queue", 0) == 0 and now - stalled_since > 5
    if seen >= total or (sim_done and idle) or now - stalled_since > 600:
        break
    time.sleep(0.1)
status = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status") if ":" in l)
kb = lambda k: int(status[k].split()[0])
json.dump({"accepted": seen, "expected": total, "seconds": (last - first) if first else None,
           "rate": seen / (last - first) if first and last > first else None,
           "vmrss_kb": kb("VmRSS"), "vmhwm_kb": kb("VmHWM")}, open(out, "w"))
PY
  wait "$sim" || true
  for _ in $(seq 1 300); do
    kill -0 "$sub" 2>/dev/null || break
    sleep 0.1
  done
  kill "$sub" 2>/dev/null || true
  python3 - "$dir" "$name" "$n" "$w" "$work/$name.json" <<'PY'
import json, sys
d, name, n, w, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
stamps = [float(l) for l in open(f"{d}/sub.stamps") if l.strip()]
sub = {"received": len(stamps), "seconds": stamps[-1] - stamps[0] if len(stamps) > 1 else None}
sub["rate"] = (len(stamps) - 1) / sub["seconds"] if sub["seconds"] else None
central = json.load(open(f"{d}/central_rate.json"))
sim_line = open(f"{d}/sim.log").read().strip().splitlines()
json.dump({"name": name, "nodes": n, "windows": w, "subscriber": sub, "central": central,
           "sim": sim_line[-1] if sim_line else ""}, open(out, "w"), indent=1)
print(json.dumps(json.load(open(out)), indent=1))
PY
  for pid in "$central" "${pids[0]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 1
  pids=()
}

run_phase ingest "$nodes" "$windows"
run_phase registry "$registry_nodes" 1

if ((write_doc)); then
  python3 bench/central_ingest/report.py "$work/ingest.json" "$work/registry.json" docs/benchmarks.md
fi
