#!/usr/bin/env bash
# bench/central_memory: central's memory per registered node and its restart time.
#
#   ./bench/central_memory/run.sh [--nodes 100000] [--baseline REV] [--no-doc]
#
# Builds the central_memory program (Release) and runs it: NODES nodes of 8 x H100 SXM5, each
# one birth and one data window made by suanli-sim's code and passed through central's Ingest and
# Persistence into a SQLite store in a temp dir (no broker); then a restart from that store. With
# --baseline REV the same program is also built against the sources of git revision REV (in a
# temporary worktree) and run first, so that both are measured in one run. Writes the "Central
# memory" section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

nodes=100000
baseline=
write_doc=1
while (($#)); do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d -t suanli-central-memory.XXXXXX)
cleanup() {
  if [[ -n $baseline && -d $work/base ]]; then git worktree remove --force "$work/base" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build() {  # build SOURCE_DIR BUILD_DIR
  CMAKE_CXX_COMPILER_LAUNCHER=ccache CMAKE_C_COMPILER_LAUNCHER=ccache \
    cmake -S "$1" -B "$2" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUANLI_BUILD_TESTS=OFF \
    -DSUANLI_BUILD_BENCH=ON >/dev/null
  cmake --build "$2" -j "$(nproc)" --target central_memory
}

run() {  # run BUILD_DIR NAME
  "$1/bench/central_memory/central_memory" "$nodes" "$work/$2.db" >"$work/$2.json"
  rm -f "$work/$2.db"*
}

./scripts/setup.sh
if [[ -n $baseline ]]; then
  git worktree add --detach "$work/base" "$baseline" >/dev/null
  # The program itself, as it is now, against the baseline's central.
  rm -rf "$work/base/bench/central_memory"
  cp -r bench/central_memory "$work/base/bench/central_memory"
  grep -q central_memory "$work/base/CMakeLists.txt" ||
    printf 'if(SUANLI_BUILD_BENCH)\n  add_subdirectory(bench/central_memory)\nendif()\n' \
      >>"$work/base/CMakeLists.txt"
  build "$work/base" "$work/base/build-bench"
  run "$work/base/build-bench" baseline
fi
build . build-bench
run build-bench current

args=("$work/current.json" --commit "$(git rev-parse --short HEAD)")
if [[ -n $baseline ]]; then
  args+=(--baseline "$work/baseline.json" --baseline-commit "$(git rev-parse --short "$baseline")")
fi
python3 bench/central_memory/report.py "${args[@]}" >"$work/section.md"
cat "$work/section.md"
if ((write_doc)); then
  python3 - "$work/section.md" <<'PY'
import sys
sys.path.insert(0, "bench")
from doc_section import write_section
text = open(sys.argv[1]).read()
write_section("docs/benchmarks.md", "<!-- BEGIN central_memory", "<!-- END central_memory -->", text)
PY
fi
