#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite: an ASan+UBSan build first, then the
# warnings-as-errors release build, whose ctest summary is the last thing printed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc)
configure() {  # configure DIR EXTRA-ARGS...
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DSUANLI_WERROR=ON -DSUANLI_BUILD_TESTS=ON "$@" >/dev/null
}

echo "== format check (clang-format)"
git ls-files -z '*.cpp' '*.hpp' '*.h' '*.c' | xargs -0 -r clang-format --dry-run --Werror

echo "== sanitizer build (ASan + UBSan)"
configure build-asan -DCMAKE_BUILD_TYPE=Debug -DSUANLI_SANITIZE=ON
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 300

echo "== release build (-Wall -Wextra -Werror)"
configure build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 300
