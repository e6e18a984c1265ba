#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace suanli::agent {

// Threads for vendor calls that may hang: a job goes to an idle thread, or to a new one when
// every thread is busy (so a hung call never delays another). Threads idle for a while exit,
// so a steady sampler reuses a few threads instead of starting one per call. Jobs must own
// (shared_ptr) whatever they touch: a hung job may outlive its caller.
class CallPool {
 public:
  static CallPool& shared();

  void run(std::function<void()> job);

 private:
  void worker();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::size_t idle_ = 0;
};

}  // namespace suanli::agent
