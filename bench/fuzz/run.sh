#!/usr/bin/env bash
# bench/fuzz: runs each libFuzzer harness of bench/fuzz for a given number of inputs, under
# AddressSanitizer and UndefinedBehaviorSanitizer, and writes the "Fuzzing" section of
# docs/benchmarks.md: inputs run, execs/s, coverage (libFuzzer's cov: and ft: at the end) and
# crashes per harness.
#
#   ./bench/fuzz/run.sh [--runs N] [--wire-runs N] [--only NAME] [--no-doc]
#   --runs N       inputs of each harness but the wire decoder (default 1000000)
#   --wire-runs N  inputs of the wire decoder (default 10000000)
#   --only NAME    this harness only (repeatable); the section keeps the last run of the others
#   --no-doc       print the section instead of writing docs/benchmarks.md
#
# Builds in build-fuzz with clang (Debian's clang and libclang-rt-14-dev, installed if missing):
# every library with -fsanitize=fuzzer-no-link,address,undefined, the harnesses with
# -fsanitize=fuzzer. One process per harness, one after the other (-jobs 1), from its seed corpus
# (bench/fuzz/corpus/NAME) and its regressions (bench/fuzz/regressions/NAME), with a fixed seed;
# inputs it finds go to build-fuzz/fuzz-corpus/NAME, emptied first, and a crash to
# build-fuzz/crashes/NAME/. Logs: build-fuzz/logs/NAME.log, and NAME.time (start, end, count).
set -euo pipefail
cd "$(dirname "$0")/../.."

harnesses=(wire_decoder ingest_batch config_loader http_target spool_recovery catalog_loader)
runs=1000000
wire_runs=10000000
only=()
write_doc=1
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --wire-runs) wire_runs=$2; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ((${#only[@]})); then harnesses=("${only[@]}"); fi

./scripts/setup.sh clang libclang-rt-14-dev
build=build-fuzz
# Debug with -O1: assertions on, no _FORTIFY_SOURCE (it hides reads from AddressSanitizer).
cmake -S . -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DCMAKE_C_FLAGS_DEBUG="-O1 -g" \
  -DSUANLI_FUZZ=ON -DSUANLI_SANITIZE=ON -DSUANLI_WERROR=ON -DSUANLI_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${harnesses[@]/%/_fuzz}"

mkdir -p "$build/logs"
for name in "${harnesses[@]}"; do
  n=$runs
  [[ $name == wire_decoder ]] && n=$wire_runs
  corpus=$build/fuzz-corpus/$name
  crashes=$build/crashes/$name
  rm -rf "$corpus" "$crashes"
  mkdir -p "$corpus" "$crashes" bench/fuzz/regressions/"$name"
  dict=()
  [[ -f bench/fuzz/$name.dict ]] && dict=(-dict="bench/fuzz/$name.dict")
  echo "fuzz: $name, $n inputs" >&2
  start=$(date +%s.%N)
  # A crash ends the harness's run (libFuzzer stops at the first); the report counts it.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/bench/fuzz/${name}_fuzz" -runs="$n" -seed=1 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "${dict[@]}" \
    "$corpus" "bench/fuzz/corpus/$name" "bench/fuzz/regressions/$name" \
    >"$build/logs/$name.log" 2>&1 || true
  end=$(date +%s.%N)
  echo "$start $end $n" >"$build/logs/$name.time"
  tail -n 3 "$build/logs/$name.log" >&2
done

if ((write_doc)); then
  python3 bench/fuzz/report.py --build "$build" --doc docs/benchmarks.md
  echo "fuzz: updated docs/benchmarks.md" >&2
else
  python3 bench/fuzz/report.py --build "$build"
fi
