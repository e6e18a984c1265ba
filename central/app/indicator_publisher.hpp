#pragma once

// The retained city indicator's own thread: publishes at start, soon after a change, coalesced to
// at most once per min_interval, and at least once per max_interval (node states move with time,
// and generated_ms always does).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace suanli::central {

class IndicatorPublisher {
 public:
  // Builds and publishes the indicator; false when nothing was published (not elected, not
  // connected).
  using Publish = std::function<bool()>;

  IndicatorPublisher(std::chrono::milliseconds min_interval, std::chrono::milliseconds max_interval,
                     Publish publish);
  ~IndicatorPublisher();  // stop()
  IndicatorPublisher(const IndicatorPublisher&) = delete;
  IndicatorPublisher& operator=(const IndicatorPublisher&) = delete;

  void start();
  // The indicator may have changed: publish once min_interval has passed since the last.
  void changed();
  // Waits for a publish in progress; idempotent.
  void stop();

  // Publishes done (publish returned true).
  std::uint64_t publishes() const { return publishes_.load(); }

 private:
  void run();

  const std::chrono::milliseconds min_interval_;
  const std::chrono::milliseconds max_interval_;
  Publish publish_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool changed_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> publishes_{0};
  std::thread thread_;
};

}  // namespace suanli::central
