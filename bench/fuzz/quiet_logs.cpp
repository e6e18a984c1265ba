// Linked into every harness: nothing is logged per input (spdlog off), so a run measures the
// code under test and its output stays the fuzzer's.

#include <spdlog/spdlog.h>

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}
