#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "agent/call_pool.hpp"

namespace suanli::agent {

// A call started on a CallPool thread, awaited with a deadline. A vendor call stuck in the kernel
// cannot be cancelled: past the deadline the caller goes on, and the thread finishes (and frees
// the state) whenever the call returns. `fn` must own (shared_ptr) whatever it touches.
template <class T>
class DeadlineCall {
 public:
  explicit DeadlineCall(std::function<T()> fn) : state_(std::make_shared<State>()) {
    CallPool::shared().run([state = state_, fn = std::move(fn)] {
      T value = fn();
      std::lock_guard lock(state->mutex);
      state->value = std::move(value);
      state->done.notify_all();
    });
  }

  // The result, or nothing when the call has not returned by `deadline`.
  std::optional<T> wait_until(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(state_->mutex);
    state_->done.wait_until(lock, deadline, [&] { return state_->value.has_value(); });
    return state_->value;
  }

  bool finished() const {
    std::lock_guard lock(state_->mutex);
    return state_->value.has_value();
  }

 private:
  struct State {
    mutable std::mutex mutex;
    std::condition_variable done;
    std::optional<T> value;
  };
  std::shared_ptr<State> state_;
};

}  // namespace suanli::agent
