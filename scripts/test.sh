#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite: an ASan+UBSan build first, then an optimised
# warnings-as-errors build, whose ctest summary is the last thing printed. Both build dirs are
# kept apart from build/ (the demo's). Unity builds (one translation unit per target) and -O1
# without debug info keep compile time down on CI's two cores while still running the
# optimiser's warnings (maybe-uninitialized, ...); so code in anonymous namespaces must not
# clash with another file of the same target.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc)
configure() {  # configure DIR EXTRA-ARGS...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DSUANLI_WERROR=ON -DSUANLI_BUILD_TESTS=ON -DCMAKE_UNITY_BUILD=ON \
    "$@" >/dev/null
}

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.hpp' '*.h' '*.c' | xargs -0 -r clang-format --dry-run --Werror

echo "== sanitizer build (ASan + UBSan)"
configure build-asan -DCMAKE_BUILD_TYPE=Debug -DSUANLI_SANITIZE=ON
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 300

echo "== optimised build (-O1, -Wall -Wextra -Werror)"
configure build-test -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DCMAKE_C_FLAGS_RELEASE=-O1
cmake --build build-test -j "$jobs"
ctest --test-dir build-test --output-on-failure -j "$jobs" --timeout 300
