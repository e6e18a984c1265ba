#pragma once

// The bytes this process has allocated and not freed (glibc's mallinfo2), SQLite's share of them,
// and the resident set, read at one moment.

#include <cstdint>

namespace suanli::bench {

struct HeapReading {
  std::int64_t heap_bytes = 0;    // malloc'd and not freed, SQLite's included
  std::int64_t sqlite_bytes = 0;  // of those, SQLite's (sqlite3_memory_used)
  std::int64_t rss_bytes = 0;     // VmRSS
};

// Returns freed memory to the system first (malloc_trim), so that RSS follows the heap.
HeapReading read_heap();

// Seconds on the steady clock since an arbitrary start.
double seconds_now();

// CPU seconds this process has used, all its threads together (user and system).
double cpu_seconds_now();

}  // namespace suanli::bench
