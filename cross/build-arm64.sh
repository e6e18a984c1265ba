#!/usr/bin/env bash
# The arm64 edge build of suanli-agent, cross-compiled on an x86-64 Debian 12:
#   1. cross/setup-arm64.sh installs the cross compiler, qemu-user and the :arm64 -dev packages;
#   2. build-arm64 gets the agent and its tests (no central, no suanli-sim, no benchmarks) through
#      cross/aarch64-linux-gnu.cmake;
#   3. ctest runs the tests under qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR); the programs they
#      start from build-arm64 go through qemu too (tests/support/process.hpp), while Mosquitto and
#      openssl are the host's x86-64 ones, on loopback. The tests that cannot run under qemu-user
#      are in qemu_skips below, left out by name, and printed with the reason;
#   4. cpack makes build-arm64/suanli-agent_<version>_arm64.deb.
# The build is unoptimised without debug info (-O0 -g0, a unity build) to keep scripts/test.sh,
# which runs this too, inside CI's time: the .deb is for trying the packaging, not for shipping
# (the edge preset builds the optimised agent).
set -euo pipefail
cd "$(dirname "$0")/.."
build="build-arm64"
jobs=$(nproc)

# GoogleTest names of the tests that cannot run under qemu-user, each with the reason.
qemu_skips=(
  "WireHostile.RandomMutationsNeverCrash|15,000 decodes of fuzzed JSON, most of them throwing: under a second natively, over 120 s under qemu at -O0; nothing in it depends on the architecture, and the native run keeps it"
)

./cross/setup-arm64.sh

echo "== arm64: build (the agent and its tests, -O0 -g0)"
skip_names=()
for entry in "${qemu_skips[@]}"; do
  skip_names+=("${entry%%|*}")
done
flags="-O0 -g0"
cmake -S . -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE=cross/aarch64-linux-gnu.cmake \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="$flags" -DCMAKE_C_FLAGS_DEBUG="$flags" \
  -DCMAKE_UNITY_BUILD=ON -DSUANLI_WERROR=ON -DSUANLI_BUILD_CENTRAL=OFF -DSUANLI_BUILD_SIM=OFF -DSUANLI_BUILD_BENCH=OFF \
  -DSUANLI_BUILD_TESTS=ON -DSUANLI_EMULATED_SKIP_TESTS="$(IFS=';'; echo "${skip_names[*]}")" \
  >/dev/null
cmake --build "$build" -j "$jobs"

# Three ctest tests (GoogleTest shards) per test binary (tests/CMakeLists.txt): --output-on-failure
# shows the failing GoogleTest names. The tests mostly wait on brokers and timers, so three times
# the cores.
echo "== arm64: tests under qemu-aarch64 (set up and built in ${SECONDS} s)"
status=0
ctest --test-dir "$build" --output-on-failure -j $((3 * jobs)) --timeout 900 || status=$?
echo "skipped under qemu (${#qemu_skips[@]}):"
for entry in "${qemu_skips[@]}"; do
  echo "  ${entry%%|*}: ${entry#*|}"
done
((status == 0)) || exit "$status"

echo "== arm64: package"
(cd "$build" && cpack -G DEB)
ls "$build"/suanli-agent_*_arm64.deb
echo "== arm64: done in ${SECONDS} s"
