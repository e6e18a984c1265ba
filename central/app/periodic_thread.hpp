#pragma once

// A thread that runs a task every `period` until stop(); a run that overruns its period is
// followed by the next at once, none is skipped silently nor run twice at the same time.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "config/thread_name.hpp"

namespace suanli::central {

class PeriodicThread {
 public:
  // `name`: the thread's name (name_this_thread).
  PeriodicThread(const char* name, std::chrono::milliseconds period, std::function<void()> task)
      : name_(name), period_(period), task_(std::move(task)) {}
  ~PeriodicThread() { stop(); }
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  void start() {
    thread_ = std::thread([this] { run(); });
  }
  // Waits for a run in progress; idempotent.
  void stop() {
    {
      std::lock_guard lk(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    name_this_thread(name_);
    auto next = std::chrono::steady_clock::now() + period_;
    std::unique_lock lk(mu_);
    while (!cv_.wait_until(lk, next, [this] { return stopping_; })) {
      lk.unlock();
      task_();
      lk.lock();
      next = std::max(next + period_, std::chrono::steady_clock::now());
    }
  }

  const char* name_;
  const std::chrono::milliseconds period_;
  std::function<void()> task_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace suanli::central
