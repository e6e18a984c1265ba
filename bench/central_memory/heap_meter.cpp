#include "bench/central_memory/heap_meter.hpp"

#include <malloc.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <string>

namespace suanli::bench {

namespace {

std::int64_t vm_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return 0;
}

}  // namespace

HeapReading read_heap() {
  malloc_trim(0);
  const struct mallinfo2 info = mallinfo2();
  return {.heap_bytes = static_cast<std::int64_t>(info.uordblks + info.hblkhd),
          .sqlite_bytes = sqlite3_memory_used(),
          .rss_bytes = vm_rss_bytes()};
}

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace suanli::bench
