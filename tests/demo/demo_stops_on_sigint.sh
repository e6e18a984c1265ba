#!/usr/bin/env bash
# scripts/demo.sh against the programs of an existing build (SUANLI_DEMO_BUILD_DIR): once it says
# central answers, one SIGINT to its own PID ends it (bounded wait), with every process it started
# gone and its temp dir removed.
#   demo_stops_on_sigint.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
dir=$(mktemp -d)
demo=
cleanup() {
  if [[ -n "$demo" ]] && kill -0 "$demo" 2>/dev/null; then kill -KILL "$demo" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
mkdir "$dir/tmp"

TMPDIR="$dir/tmp" SUANLI_DEMO_BUILD_DIR="$build_dir" "$source_dir/scripts/demo.sh" \
  >"$dir/out" 2>&1 &
demo=$!

# Ready: central answers and the demo waits for the fleet's first windows.
for _ in $(seq 1 600); do
  grep -q "waiting for the fleet" "$dir/out" && break
  kill -0 "$demo" 2>/dev/null || { echo "demo.sh ended before it was ready:"; cat "$dir/out"; exit 1; }
  sleep 0.1
done
grep -q "waiting for the fleet" "$dir/out" || { echo "demo.sh not ready in 60 s:"; cat "$dir/out"; exit 1; }
children=$(pgrep -P "$demo" | tr '\n' ' ')
[[ -n "$children" ]] || { echo "demo.sh has no child processes"; exit 1; }

kill -INT "$demo"
sent=$(date +%s%N)
for _ in $(seq 1 100); do
  kill -0 "$demo" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$demo" 2>/dev/null; then
  echo "demo.sh still runs 10 s after SIGINT:"
  cat "$dir/out"
  exit 1
fi
wait "$demo" && status=0 || status=$?
echo "demo.sh ended $(( ($(date +%s%N) - sent) / 1000000 )) ms after SIGINT, status $status"
[[ $status -eq 0 ]] || { cat "$dir/out"; exit 1; }
for pid in $children; do
  if kill -0 "$pid" 2>/dev/null; then
    echo "process $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) outlived demo.sh"
    exit 1
  fi
done
leftover=$(ls -A "$dir/tmp")
[[ -z "$leftover" ]] || { echo "demo.sh left $leftover in TMPDIR"; exit 1; }
echo "ok"
