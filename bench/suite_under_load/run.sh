#!/usr/bin/env bash
# bench/suite_under_load: the whole test suite (scripts/test.sh: setup, format check, build, every
# test including the arm64 build under qemu) N times in a row while CPU-bound processes run
# beside it, and the "Test suite under load" section of docs/benchmarks.md from the runs.
#
#   ./bench/suite_under_load/run.sh [--runs N] [--hogs N] [--load "WHAT"] [--no-doc]
#   --runs N     suite runs, one after the other (default 3); every run counts, pass or fail
#   --hogs N     busy loops this script starts beside the suite and ends at exit (default 2)
#   --load WHAT  with --hogs 0: the CPU-bound processes already running, in words, for the doc
#   --no-doc     print the section instead of writing docs/benchmarks.md
#
# Logs: build-test/under-load/run-K.log and run-K.time (start, end, exit status, load averages).
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=3
hogs=2
load=""
write_doc=1
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --hogs) hogs=$2; shift 2 ;;
    --load) load=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ((hogs == 0)) && [[ -z $load ]]; then
  echo "run.sh: --hogs 0 needs --load to say what runs beside the suite" >&2
  exit 2
fi
[[ -n $load ]] || load="$hogs busy loops started by run.sh (bash \`while :; do :; done\`)"

hog_pids=()
stop_hogs() { ((${#hog_pids[@]})) && kill "${hog_pids[@]}" 2>/dev/null || true; }
trap stop_hogs EXIT
for ((i = 0; i < hogs; i++)); do
  bash -c 'while :; do :; done' &
  hog_pids+=($!)
done

out=build-test/under-load
rm -rf "$out"
mkdir -p "$out"
for ((k = 1; k <= runs; k++)); do
  echo "suite_under_load: run $k of $runs" >&2
  start=$(date +%s.%N)
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  status=0
  ./scripts/test.sh >"$out/run-$k.log" 2>&1 || status=$?
  end=$(date +%s.%N)
  echo "$start $end $status $load_start $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/run-$k.time"
  tail -n 1 "$out/run-$k.log" >&2
done
stop_hogs

args=(--out "$out" --load "$load")
((write_doc)) && args+=(--doc docs/benchmarks.md)
python3 bench/suite_under_load/report.py "${args[@]}"
