#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite in one build: AddressSanitizer + UndefinedBehavior-
# Sanitizer with -Wall -Wextra -Werror, unoptimised with line-table debug info (-O0 -g1: sanitizer
# reports name file and line; -O1 took half as long again to compile on CI's two cores). The
# build dir is kept apart from build/ (the demo's). A unity build (one translation unit per
# target) keeps compile time down on CI's two cores; so code in anonymous namespaces must not
# clash with another file of the same target.
# The arm64 edge build (cross/build-arm64.sh: the agent and its tests under qemu-aarch64, its
# .deb) is one test of this suite (SUANLI_TEST_ARM64), so ctest's summary line, the last line of
# the output, covers both. It starts first and builds while the native tests, which mostly wait on
# brokers and timers, run beside it: hence one more ctest job than cores. Its output is in
# build-test/Testing/Temporary/LastTest.log, and on the screen when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./cross/setup-arm64.sh  # the native packages too (scripts/setup.sh)

jobs=$(nproc)

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.hpp' '*.h' '*.c' | xargs -0 -r clang-format --dry-run --Werror

echo "== build (ASan + UBSan, -O0 -g1, -Wall -Wextra -Werror)"
flags="-O0 -g1"
cmake -S . -B build-test -G Ninja -DSUANLI_WERROR=ON -DSUANLI_BUILD_TESTS=ON -DCMAKE_UNITY_BUILD=ON \
  -DSUANLI_SANITIZE=ON -DSUANLI_TEST_ARM64=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="$flags" -DCMAKE_C_FLAGS_DEBUG="$flags" >/dev/null
cmake --build build-test -j "$jobs"

echo "== tests (the native suite, and the arm64 build with its tests under qemu as one test)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  exec ctest --test-dir build-test --output-on-failure -j $((jobs + 1)) --timeout 300
