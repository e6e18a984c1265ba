#!/usr/bin/env bash
# bench/edge_size: how big the edge agent is. Builds suanli-agent with the `edge` and `edge-arm64`
# presets of CMakePresets.json (agent only; CPU, NVML, Ascend; -Os, LTO, section GC), packages
# each with cpack, then reports the stripped binary's size, its sections, the shared libraries it
# needs (readelf -d NEEDED) with their Debian packages, the .deb's Depends, and which code the
# bytes belong to (nm of the unstripped link). Writes the "Edge agent size" section of
# docs/benchmarks.md.
#
#   ./bench/edge_size/run.sh [--no-arm64] [--baseline BUILD_DIR] [--no-doc]
#   --no-arm64   amd64 only (no cross toolchain needed)
#   --baseline   also report the stripped agent of an existing build folder of another flavour
#                (e.g. the default RelWithDebInfo `build`), for comparison; it is not rebuilt
#   --no-doc     print the section instead of writing docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/../.."

arm64=1
write_doc=1
baseline=()
while (($#)); do
  case "$1" in
    --no-arm64) arm64=0; shift ;;
    --baseline) baseline=(--baseline "$2"); shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

presets=(edge)
if ((arm64)); then
  ./cross/setup-arm64.sh
  presets+=(edge-arm64)
else
  ./scripts/setup.sh dpkg-dev file
fi

builds=()
for preset in "${presets[@]}"; do
  build_dir=build-$preset
  echo "edge_size: building preset $preset in $build_dir" >&2
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$(nproc)"
  rm -rf "$build_dir/packages"
  cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$build_dir/packages" >/dev/null
  builds+=("$build_dir")
done

if ((write_doc)); then
  python3 bench/edge_size/report.py --doc docs/benchmarks.md "${baseline[@]}" "${builds[@]}"
  echo "edge_size: updated docs/benchmarks.md" >&2
else
  python3 bench/edge_size/report.py --print "${baseline[@]}" "${builds[@]}"
fi
