#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite in one build: AddressSanitizer + UndefinedBehavior-
# Sanitizer with -Wall -Wextra -Werror, unoptimised with line-table debug info (-O0 -g1: sanitizer
# reports name file and line; -O1 took half as long again to compile on CI's two cores). ctest's
# summary is the last thing printed. The build dir is kept apart from build/ (the
# demo's). A unity build (one translation unit per target) keeps compile time down on CI's two
# cores; so code in anonymous namespaces must not clash with another file of the same target.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc)

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.hpp' '*.h' '*.c' | xargs -0 -r clang-format --dry-run --Werror

echo "== build (ASan + UBSan, -O0 -g1, -Wall -Wextra -Werror)"
flags="-O0 -g1"
cmake -S . -B build-test -G Ninja -DSUANLI_WERROR=ON -DSUANLI_BUILD_TESTS=ON -DCMAKE_UNITY_BUILD=ON \
  -DSUANLI_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="$flags" -DCMAKE_C_FLAGS_DEBUG="$flags" >/dev/null
cmake --build build-test -j "$jobs"

echo "== tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  ctest --test-dir build-test --output-on-failure -j "$jobs" --timeout 300
