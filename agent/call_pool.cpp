#include "agent/call_pool.hpp"

#include <chrono>
#include <thread>

namespace suanli::agent {

namespace {
constexpr auto kIdleExit = std::chrono::seconds(30);
}

CallPool& CallPool::shared() {
  // Never destroyed: detached workers may still be inside a hung call at exit.
  static auto* pool = new CallPool;
  return *pool;
}

void CallPool::run(std::function<void()> job) {
  std::lock_guard lock(mutex_);
  jobs_.push_back(std::move(job));
  if (idle_ >= jobs_.size()) {
    ready_.notify_one();
    return;
  }
  std::thread([this] { worker(); }).detach();
}

void CallPool::worker() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (jobs_.empty()) {
      ++idle_;
      bool woke = ready_.wait_for(lock, kIdleExit, [this] { return !jobs_.empty(); });
      --idle_;
      if (!woke) return;
    }
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
}

}  // namespace suanli::agent
