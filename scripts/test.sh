#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite in one build: AddressSanitizer + UndefinedBehavior-
# Sanitizer with -Wall -Wextra -Werror, unoptimised with line-table debug info (-O0 -g1: sanitizer
# reports name file and line; -O1 took half as long again to compile on CI's two cores). The
# build dir is kept apart from build/ (the demo's). A unity build (one translation unit per
# target) keeps compile time down on CI's two cores; so code in anonymous namespaces must not
# clash with another file of the same target.
# The arm64 edge build (cross/build-arm64.sh: the agent and its tests under qemu-aarch64) runs in
# the background once the native build is done, beside the native tests, which mostly wait on
# brokers and timers. (Started with the native build, it only shares the same two cores: on CI
# that took longer.) Its log is printed after ctest's summary, and a last line sums up both.
set -euo pipefail
cd "$(dirname "$0")/.."
./cross/setup-arm64.sh  # the native packages too (scripts/setup.sh)

jobs=$(nproc)

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.hpp' '*.h' '*.c' | xargs -0 -r clang-format --dry-run --Werror

echo "== build (ASan + UBSan, -O0 -g1, -Wall -Wextra -Werror)"
flags="-O0 -g1"
cmake -S . -B build-test -G Ninja -DSUANLI_WERROR=ON -DSUANLI_BUILD_TESTS=ON -DCMAKE_UNITY_BUILD=ON \
  -DSUANLI_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="$flags" -DCMAKE_C_FLAGS_DEBUG="$flags" >/dev/null
cmake --build build-test -j "$jobs"

mkdir -p build-arm64
arm64_log=build-arm64/test-sh.log
echo "== arm64 build and tests under qemu, in the background (log: $arm64_log)"
setsid ./cross/build-arm64.sh >"$arm64_log" 2>&1 &
arm64_pid=$!
trap 'kill -- -"$arm64_pid" 2>/dev/null || true' EXIT  # its process group, if still running

echo "== tests"
native=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  ctest --test-dir build-test --output-on-failure -j "$jobs" --timeout 300 || native=$?

arm64=0
wait "$arm64_pid" || arm64=$?
trap - EXIT
echo "== arm64 (cross/build-arm64.sh)"
cat "$arm64_log"
verdict() { if (($1 == 0)); then echo passed; else echo "FAILED (exit $1)"; fi; }
echo "== native tests $(verdict "$native"); arm64 build, tests under qemu and .deb $(verdict "$arm64")"
((native == 0 && arm64 == 0))
