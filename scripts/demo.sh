#!/usr/bin/env bash
# The main job: sets up, builds, and runs on this machine a private Mosquitto on loopback,
# suanli-central, a simulated Suzhou fleet (suanli-sim, config/suzhou-fleet.example.json) and a
# real suanli-agent for this machine; prints the indicator and the dashboard URL.
#
#   ./scripts/demo.sh            runs until Ctrl-C, which stops everything it started
#   ./scripts/demo.sh --for 60   runs 60 s, prints the final indicator JSON, stops everything
#   --backfill-days N            days of SIMULATED history written before the first measured
#                                minute (default 30; 0: none), marked simulated in the store
#
# SUANLI_DEMO_BUILD_DIR=DIR runs the programs already built in DIR: no setup, no build (tests).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

run_for=0
backfill_days=30
while (($#)); do
  case "$1" in
    --backfill-days)
      backfill_days=${2:?--backfill-days needs a number of days}
      shift 2
      ;;
    --for)
      run_for=${2:?--for needs a number of seconds}
      shift 2
      ;;
    -h | --help)
      sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "demo.sh: unknown argument $1 (try --help)" >&2
      exit 2
      ;;
  esac
done

build=${SUANLI_DEMO_BUILD_DIR:-}
if [[ -z "$build" ]]; then
  build=build
  ./scripts/setup.sh
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSUANLI_BUILD_TESTS=OFF >/dev/null
  cmake --build build -j "$(nproc)" --target suanli-agent suanli-central suanli-sim
fi

work=$(mktemp -d -t suanli-demo.XXXXXX)
pids=()
# Bash runs a trap only once the foreground command returns, so the demo's sleeps and requests
# run in the background while it `wait`s for them, which a trapped signal interrupts at once.
waiting=
in_background() {
  "$@" &
  waiting=$!
  local status=0
  wait "$waiting" || status=$?
  waiting=
  return "$status"
}
pause() {
  in_background sleep "$1" || true
}
stop_all() {
  if [[ -n "$waiting" ]]; then kill "$waiting" 2>/dev/null || true; fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT
trap 'echo; echo "demo: stopping"; exit 0' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
broker_port=$(free_port)
http_port=8080
if ! python3 -c "import socket; socket.socket().bind(('127.0.0.1', $http_port))" 2>/dev/null; then
  http_port=$(free_port)
fi

# The broker: loopback only; queues sized for the fleet (Mosquitto's default of 1000 queued
# QoS 1 messages per client would silently drop under load; docs/design.md, "Scale").
cat >"$work/mosquitto.conf" <<EOF
listener $broker_port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
max_inflight_messages 1000
EOF

# Private copies of the example configs, pointed at this broker and this temp dir.
python3 - "$root" "$work" "$broker_port" "$http_port" <<'EOF'
import json, sys
root, work, broker_port, http_port = sys.argv[1:]
uri = f"mqtt://127.0.0.1:{broker_port}"
central = json.load(open(f"{root}/config/central.suzhou.example.json"))
central["mqtt"]["uri"] = uri
central["http"] = {"listen": f"127.0.0.1:{http_port}"}
central["store"] = {"path": f"{work}/central.db"}
central["centers"]["this-host"] = {"name": "This machine (real agent)", "class": "general"}
json.dump(central, open(f"{work}/central.json", "w"), ensure_ascii=False, indent=2)
fleet = json.load(open(f"{root}/config/suzhou-fleet.example.json"))
fleet["mqtt"]["uri"] = uri
json.dump(fleet, open(f"{work}/fleet.json", "w"), ensure_ascii=False, indent=2)
agent = {"center": "this-host", "state_dir": f"{work}/agent", "publish_interval_ms": 5000,
         "mqtt": {"uri": uri}}
json.dump(agent, open(f"{work}/agent.json", "w"), indent=2)
EOF
mkdir -p "$work/agent"

start() {
  local name=$1
  shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
start mosquitto mosquitto -c "$work/mosquitto.conf"
pause 0.5
start central "$build/central/suanli-central" --config "$work/central.json"
start sim "$build/agent/fleet/suanli-sim" --config "$work/fleet.json"
start agent "$build/agent/suanli-agent" --config "$work/agent.json"

api="http://127.0.0.1:$http_port"
# GET $api$1 into $work/reply.
fetch() {
  in_background curl -fsS -m 5 -o "$work/reply" "$api$1"
}
for _ in $(seq 1 60); do
  fetch /healthz 2>/dev/null && break
  pause 0.5
done
if ! fetch /healthz 2>/dev/null; then
  echo "demo: suanli-central did not come up; its log:" >&2
  cat "$work/central.log" >&2
  exit 1
fi

summary() {
  fetch /api/v1/indicator && python3 scripts/indicator_summary.py <"$work/reply"
}

has_live() {
  fetch /api/v1/indicator 2>/dev/null && python3 -c \
    'import json, sys; sys.exit(json.load(sys.stdin)["headline"]["live_pflops"] <= 0)' \
    <"$work/reply" 2>/dev/null
}
started=$SECONDS
echo "demo: waiting for the fleet's births and first windows..."
for _ in $(seq 1 60); do
  has_live && break
  pause 0.5
done
summary
if ((backfill_days > 0)); then
  echo "demo: writing $backfill_days days of SIMULATED history before the first measured minute"
  # Central writes its first measured minute within a second or two of the first windows; until
  # then the backfill has nothing to start from.
  backfilled=
  for _ in $(seq 1 20); do
    # In the background, like every wait here, so that Ctrl-C stops the demo at once.
    if in_background "$build/central/suanli-central" backfill --store "$work/central.db" \
      --days "$backfill_days" 2>"$work/backfill.err"; then
      backfilled=1
      break
    fi
    pause 0.5
  done
  [[ -n "$backfilled" ]] || echo "demo: no simulated history: $(cat "$work/backfill.err")" >&2
fi
echo
echo "Dashboard:  $api/"
echo "Indicator:  $api/api/v1/indicator    Metrics: $api/metrics"
echo "Report:     $api/api/v1/report?month=$(date -u +%Y-%m)&format=html (CSV without format)"
echo "Broker:     mqtt://127.0.0.1:$broker_port (mosquitto_sub -p $broker_port -t 'suanli/v1/#' -v)"

if ((run_for > 0)); then
  remaining=$((run_for - SECONDS + started))
  pause "$((remaining > 0 ? remaining : 0))"
  fetch /api/v1/indicator && python3 -m json.tool --no-ensure-ascii <"$work/reply"
  exit 0
fi
echo "Ctrl-C stops everything."
while true; do
  pause 30
  echo
  summary
done
