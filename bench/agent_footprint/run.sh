#!/usr/bin/env bash
# The agent's footprint against collectd 5.12, measured in the same run: suanli-agent (fake NVML
# with 8 x H100 + CPU backend, 1 s sample, 10 s publish) and collectd (cpu, memory, load, mqtt at
# Interval 1) start together against one private Mosquitto on 127.0.0.1 and run for a fixed time;
# then their RSS, private memory, CPU and published bytes are written to docs/benchmarks.md.
#
# With a baseline, a second suanli-agent (another build, same fake NVML, same config but its own
# node id and state) runs beside them in the same run, so that a change is measured against the
# code before it under the same load.
#
# usage: ./bench/agent_footprint/run.sh [--seconds N] [--warmup N] [--build-dir DIR] [--no-build]
#          [--agent-env NAME=VALUE]... [--agent-stack-kb N] [--agent-bin FILE]
#          [--baseline-ref GITREF | --baseline-bin FILE] [--no-doc]
#   --seconds N          length of the measured run (default 300)
#   --warmup N           seconds before the steady-state CPU figure starts (default: 10 % of N, >= 5)
#   --agent-env, --agent-stack-kb  run the agent with an extra environment variable or a smaller
#                        RLIMIT_STACK (glibc's default thread stack size), for memory experiments
#   --agent-bin FILE     measure this suanli-agent binary instead of the build dir's (e.g. relinked)
#   --baseline-ref REF   build suanli-agent at git REF (git archive, <build-dir>/baseline-REF) and
#                        run it as the baseline
#   --baseline-bin FILE  run this suanli-agent binary as the baseline
#   --no-doc             measure and print, but leave docs/benchmarks.md alone
# Results of every run stay in <build-dir>/agent_footprint/<UTC time>/ (configs, logs, JSON).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/agent_footprint"
cd "$repo"

seconds=300
warmup=""
build_dir="build-bench"
build=1
write_doc=1
agent_stack_kb=""
agent_env=()
agent_bin=""
baseline_ref=""
baseline_bin=""
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --agent-env) agent_env+=("$2"); shift 2 ;;
    --agent-stack-kb) agent_stack_kb=$2; shift 2 ;;
    --agent-bin) agent_bin=$(realpath "$2"); shift 2 ;;
    --baseline-ref) baseline_ref=$2; shift 2 ;;
    --baseline-bin) baseline_bin=$(realpath "$2"); shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h | --help) sed -n '2,24p' "$here/run.sh"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 20)); then
  echo "run.sh: --seconds must be a whole number >= 20" >&2
  exit 2
fi
[[ -n "$warmup" ]] || warmup=$((seconds / 10 < 5 ? 5 : seconds / 10))
if [[ -n "$baseline_ref" && -n "$baseline_bin" ]]; then
  echo "run.sh: give --baseline-ref or --baseline-bin, not both" >&2
  exit 2
fi

log() { echo "agent_footprint: $*" >&2; }

install_bench_packages() {
  local packages=(collectd-core mosquitto mosquitto-clients iproute2 procps python3) missing=() p
  for p in "${packages[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] ||
      missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]}"
  local sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build_agent() {
  # Configured each time: another bench may have configured this folder without the tests (the
  # fake NVML is one of their targets).
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSUANLI_BUILD_TESTS=ON \
    >/dev/null
  cmake --build "$build_dir" --target suanli-agent fake_nvml -j2
}

# Builds suanli-agent at git ref $1 from a `git archive` of it; prints the binary's path.
build_baseline() {
  local rev src out
  rev=$(git rev-parse --short "$1^{commit}")
  src="$build_dir/baseline-$rev/src"
  out="$build_dir/baseline-$rev/build"
  if [[ ! -d "$src" ]]; then
    mkdir -p "$src"
    git archive "$rev" | tar -x -C "$src"
  fi
  [[ -f "$out/build.ninja" ]] ||
    cmake -S "$src" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$out" --target suanli-agent -j2 >&2
  realpath "$out/agent/suanli-agent"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Every process this script starts, by PID; the EXIT trap ends exactly these.
started=()
# Last started, first stopped: the clients end while their broker still runs.
stop_started() {
  local i j pid
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    pid=${started[i]}
    kill -TERM "$pid" 2>/dev/null || true
    for ((j = 0; j < 50; j++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
  done
  started=()
}
trap stop_started EXIT

wait_for_port() {
  local i
  for ((i = 0; i < 50; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  log "nothing listens on 127.0.0.1:$1"
  return 1
}

install_bench_packages
./scripts/setup.sh
((build)) && build_agent
[[ -n "$agent_bin" ]] || agent_bin="$repo/$build_dir/agent/suanli-agent"
[[ -n "$baseline_ref" ]] && baseline_bin=$(build_baseline "$baseline_ref")
fake_nvml="$repo/$build_dir/tests/fakes/nvml/full/libnvidia-ml.so.1"
for f in "$agent_bin" "$fake_nvml" ${baseline_bin:+"$baseline_bin"}; do
  [[ -f "$f" ]] || { log "missing $f"; exit 1; }
done

work="$repo/$build_dir/agent_footprint/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$work/agent-state" "$work/baseline-state" "$work/collectd"
port=$(free_port)
log "run of ${seconds} s (warm-up ${warmup} s), files in $work"

sed -e "s|@PORT@|$port|g" -e "s|@WORK@|$work|g" "$here/mosquitto.conf.in" >"$work/mosquitto.conf"
sed -e "s|@PORT@|$port|g" -e "s|@WORK@|$work|g" "$here/collectd.conf.in" >"$work/collectd.conf"
sed -e "s|@PORT@|$port|g" -e "s|@WORK@|$work|g" "$here/agent.json.in" >"$work/agent.json"
sed -e "s|@PORT@|$port|g" -e "s|@WORK@|$work|g" -e 's|"bench-node"|"bench-node-baseline"|' \
  -e 's|/agent-state"|/baseline-state"|' "$here/agent.json.in" >"$work/baseline.json"

mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.out" 2>&1 &
started+=($!)
broker_pid=$!
wait_for_port "$port"

# One subscriber per client's topic tree: receive time, payload length, topic.
subscribe() {
  mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -i "bench-sub-$1" -t "$2" -F '%U %l %t' \
    >"$work/sub-$1.txt" 2>"$work/sub-$1.err" &
  started+=($!)
}
subscribe agent 'suanli/v1/bench/bench-node/#' # the measured agent's, not the baseline's
subscribe collectd 'collectd/#'
mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -i bench-sub-birth -t 'suanli/v1/bench/bench-node/birth' -C 1 \
  >"$work/agent-birth.json" 2>"$work/sub-birth.err" &
started+=($!)
sleep 1

cat /proc/loadavg >"$work/loadavg-start.txt"
# The baseline starts first, so that the measured agent is never the one with the head start.
targets=()
if [[ -n "$baseline_bin" ]]; then
  env SUANLI_NVML_LIBRARY="$fake_nvml" \
    SUANLI_FAKE_NVML_SCENARIO="$repo/tests/fixtures/nvml/h100x8.json" \
    "$baseline_bin" --config "$work/baseline.json" >"$work/baseline.out" 2>&1 &
  started+=($!)
  targets+=(baseline="$!")
fi
(
  [[ -n "$agent_stack_kb" ]] && ulimit -s "$agent_stack_kb"
  exec env SUANLI_NVML_LIBRARY="$fake_nvml" \
    SUANLI_FAKE_NVML_SCENARIO="$repo/tests/fixtures/nvml/h100x8.json" "${agent_env[@]}" \
    "$agent_bin" --config "$work/agent.json"
) >"$work/agent.out" 2>&1 &
started+=($!)
agent_pid=$!
collectd -f -C "$work/collectd.conf" >"$work/collectd.out" 2>&1 &
started+=($!)
collectd_pid=$!

python3 "$here/measure.py" --seconds "$seconds" --warmup "$warmup" --out "$work/footprint.json" \
  agent="$agent_pid" collectd="$collectd_pid" broker="$broker_pid" "${targets[@]}"
end_unix=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["end_unix"])' \
  "$work/footprint.json")
cat /proc/loadavg >"$work/loadavg-end.txt"
ss -tinpHO "( dport = :$port )" >"$work/ss-end.txt"
cp "/proc/$agent_pid/smaps" "$work/agent-smaps.txt"
cp "/proc/$collectd_pid/smaps" "$work/collectd-smaps.txt"
sleep 2 # messages published just before the end reach the subscribers
python3 "$here/published.py" --until "$end_unix" --ss "$work/ss-end.txt" \
  --out "$work/published.json" \
  agent="$agent_pid:$work/sub-agent.txt" collectd="$collectd_pid:$work/sub-collectd.txt"
stop_started

{
  echo "date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel=$(uname -sr)"
  echo "os=$(sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' /etc/os-release)"
  echo "collectd=$(dpkg-query -W -f='${Version}' collectd-core)"
  echo "mosquitto=$(dpkg-query -W -f='${Version}' mosquitto)"
  echo "agent=$("$agent_bin" --version | head -1)"
  echo "build_dir=$build_dir"
  echo "agent_build=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt")"
  echo "agent_env=${agent_env[*]:-}"
  echo "agent_stack_kb=${agent_stack_kb}"
  echo "agent_bin=${agent_bin#"$repo"/}"
  echo "agent_commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- agent collectors || echo '+changes')"
  echo "baseline_bin=${baseline_bin#"$repo"/}"
  echo "baseline_ref=${baseline_ref:+$(git rev-parse --short "$baseline_ref^{commit}")}"
  [[ -n "$baseline_bin" ]] && echo "baseline=$("$baseline_bin" --version | head -1)"
  echo "loadavg_start=$(cut -d' ' -f1-3 "$work/loadavg-start.txt")"
  echo "loadavg_end=$(cut -d' ' -f1-3 "$work/loadavg-end.txt")"
  echo "broker_drops=$(grep -c 'Outgoing messages are being dropped' "$work/mosquitto.out" || true)"
} >"$work/run.env"

python3 "$here/report.py" --work "$work" --print
if ((write_doc)); then
  python3 "$here/report.py" --work "$work" --doc docs/benchmarks.md
  log "updated docs/benchmarks.md"
fi
