#!/usr/bin/env bash
# scripts/demo.sh against the programs of an existing build (SUANLI_DEMO_BUILD_DIR): once central
# answers and the demo waits for the fleet's first windows, one SIGINT to its own PID ends it
# (bounded wait), with every process it started gone and its temp dir removed. Every sleep and
# request of the demo, the 30 s between summaries too, runs through the same in_background();
# that is checked on the script, since reaching the 30 s pause takes the first windows of a
# 400-node fleet (20 s and more under ASan).
#   demo_stops_on_sigint.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
demo_sh="$source_dir/scripts/demo.sh"
if grep -nE '(^|[;&|(]|then|do)[[:space:]]*(sleep|curl)[[:space:]]' "$demo_sh"; then
  echo "demo.sh sleeps or waits on curl in the foreground above: a trapped signal waits for it"
  exit 1
fi

dir=$(mktemp -d)
demo=
children=
# On failure: ends what is left, by PID (the demo's children first, as the demo would).
cleanup() {
  for pid in $children $demo; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}
trap cleanup EXIT
mkdir "$dir/tmp"
# Job control: without it, a command started with & ignores SIGINT, and a signal ignored when a
# shell starts cannot be trapped: demo.sh would never see the SIGINT sent to it.
set -m

TMPDIR="$dir/tmp" SUANLI_DEMO_BUILD_DIR="$build_dir" "$demo_sh" \
  >"$dir/out" 2>&1 &
demo=$!

ready="waiting for the fleet"
for _ in $(seq 1 600); do
  grep -qF "$ready" "$dir/out" && break
  kill -0 "$demo" 2>/dev/null || { echo "demo.sh ended before it was ready:"; cat "$dir/out"; exit 1; }
  sleep 0.1
done
grep -qF "$ready" "$dir/out" || { echo "demo.sh not ready in 60 s:"; cat "$dir/out"; exit 1; }
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
demo=
echo "demo.sh ended $(( ($(date +%s%N) - sent) / 1000000 )) ms after SIGINT, status $status"
[[ $status -eq 0 ]] || { cat "$dir/out"; exit 1; }
for pid in $children; do
  if kill -0 "$pid" 2>/dev/null; then
    echo "process $pid ($(cat "/proc/$pid/comm" 2>/dev/null)) outlived demo.sh"
    exit 1
  fi
done
children=
leftover=$(ls -A "$dir/tmp")
[[ -z "$leftover" ]] || { echo "demo.sh left $leftover in TMPDIR"; exit 1; }
echo "ok"
