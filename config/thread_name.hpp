#pragma once

// Names the calling thread as `top -H`, perf and /proc/PID/task/TID/comm show it (at most 15
// characters are kept).

#include <pthread.h>

namespace suanli {

inline void name_this_thread(const char* name) {
  pthread_setname_np(pthread_self(), name);
}

}  // namespace suanli
