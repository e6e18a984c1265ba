#!/usr/bin/env bash
# bench/wire_decode: what decoding one wire message costs, the decoder of this tree against the
# decoder before simdjson, with bare parsers as yardsticks, measured in one run.
#
#   ./bench/wire_decode/run.sh [--baseline REV] [--runs 3] [--nodes 32] [--windows 20] [--no-doc]
#
# Builds wire_decode_bench (bench/wire_decode/main.cpp, Release) twice: from this tree, and from
# REV's tree with this bench added; REV is by default the parent of the commit that added
# uplink/wire/json_parser.cpp (the nlohmann decoder). Both decode the same payloads (suanli-sim's
# nodes of 8 H100s: a status, a birth and WINDOWS data windows a node); the two programs run
# alternately RUNS times and each figure is the median of its runs. Writes the "Wire decode"
# section of docs/benchmarks.md (--no-doc: prints it).
set -euo pipefail
cd "$(dirname "$0")/../.."

baseline=""
runs=3
nodes=32
windows=20
write_doc=1
while (($#)); do
  case "$1" in
    --baseline) baseline=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --windows) windows=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

./scripts/setup.sh
if [[ -z "$baseline" ]]; then
  added=$(git log --format=%H --diff-filter=A -- uplink/wire/json_parser.cpp | tail -1)
  if [[ -z "$added" ]]; then
    echo "run.sh: no commit adds uplink/wire/json_parser.cpp; name the baseline with --baseline" >&2
    exit 2
  fi
  baseline="$added^"
fi
baseline_sha=$(git rev-parse --verify "$baseline^{commit}")

build=build-bench-wire
flags=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DSUANLI_BUILD_TESTS=OFF -DSUANLI_BUILD_CENTRAL=OFF
  -DSUANLI_BUILD_BENCH=ON)
if command -v ccache >/dev/null; then
  flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
echo "wire_decode: building this tree in $build" >&2
cmake -S . -B "$build" "${flags[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target wire_decode_bench

# The baseline: its own tree (git archive, no checkout), with this bench copied in.
src=$build/baseline-src
echo "wire_decode: building the baseline ${baseline_sha:0:12} in $build/baseline" >&2
rm -rf "$src"
mkdir -p "$src"
git archive "$baseline_sha" | tar -x -C "$src"
rm -rf "$src/bench/wire_decode"
cp -r bench/wire_decode "$src/bench/wire_decode"
if ! grep -q 'bench/wire_decode' "$src/CMakeLists.txt"; then
  echo 'add_subdirectory(bench/wire_decode)' >>"$src/CMakeLists.txt"
fi
cmake -S "$src" -B "$build/baseline" "${flags[@]}" >/dev/null
cmake --build "$build/baseline" -j "$(nproc)" --target wire_decode_bench

work=$(mktemp -d -t suanli-wire-decode.XXXXXX)
trap 'rm -rf "$work"' EXIT
args=(--nodes "$nodes" --windows "$windows")
for i in $(seq 1 "$runs"); do
  echo "wire_decode: run $i of $runs" >&2
  "$build/baseline/bench/wire_decode/wire_decode_bench" "${args[@]}" --label before >"$work/before-$i.json"
  "$build/bench/wire_decode/wire_decode_bench" "${args[@]}" --label after >"$work/after-$i.json"
done

report=(python3 bench/wire_decode/report.py --baseline-rev "$baseline_sha" --build "$build")
if ((write_doc)); then
  "${report[@]}" --doc docs/benchmarks.md "$work"/*.json
  echo "wire_decode: updated docs/benchmarks.md" >&2
else
  "${report[@]}" "$work"/*.json
fi
