#include "bench/central_memory/heap_meter.hpp"

#include <malloc.h>
#include <sqlite3.h>
#include <sys/resource.h>

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

double cpu_seconds_now() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace suanli::bench
