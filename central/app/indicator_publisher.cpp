#include "central/app/indicator_publisher.hpp"

#include <algorithm>
#include <utility>

#include "config/thread_name.hpp"

namespace suanli::central {

IndicatorPublisher::IndicatorPublisher(std::chrono::milliseconds min_interval,
                                       std::chrono::milliseconds max_interval, Publish publish)
    : min_interval_(min_interval), max_interval_(max_interval), publish_(std::move(publish)) {}

IndicatorPublisher::~IndicatorPublisher() {
  stop();
}

void IndicatorPublisher::start() {
  thread_ = std::thread([this] { run(); });
}

void IndicatorPublisher::changed() {
  {
    std::lock_guard lk(mu_);
    if (changed_) return;
    changed_ = true;
  }
  cv_.notify_one();
}

void IndicatorPublisher::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void IndicatorPublisher::run() {
  name_this_thread("indicator");
  std::unique_lock lk(mu_);
  // Due at once: the indicator as restored is published at start.
  std::chrono::steady_clock::time_point last =
      std::chrono::steady_clock::now() - std::max(min_interval_, max_interval_);
  while (!stopping_) {
    // Woken by changed() or stop(), or at the time: the due time is computed again.
    const std::chrono::steady_clock::time_point due =
        last + (changed_ ? min_interval_ : max_interval_);
    if (std::chrono::steady_clock::now() < due) {
      cv_.wait_until(lk, due);
      continue;
    }
    changed_ = false;
    last = std::chrono::steady_clock::now();
    lk.unlock();
    if (publish_()) ++publishes_;
    lk.lock();
  }
}

}  // namespace suanli::central
