#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "config/declared_device.hpp"

namespace suanli::collectors::declared {

// Runs one declared device's liveness probe on a thread of its own, once per `period`, each run
// bounded by the probe's deadline, so that a probe that hangs never holds up sampling. health()
// answers at once with the last finished run's verdict.
class Prober {
 public:
  Prober(std::string device, config::DeclaredProbe probe, std::chrono::milliseconds period);
  ~Prober();  // stops the thread; a running probe is cut short (killed, aborted)
  Prober(const Prober&) = delete;
  Prober& operator=(const Prober&) = delete;

  // Nothing while healthy; else why not: "probe_pending" until the first run ends,
  // "probe_failed" or "probe_timeout".
  std::optional<std::string> health() const;

 private:
  void run(std::stop_token stop);
  std::optional<std::string> probe_once();

  const std::string device_;
  const config::DeclaredProbe probe_;
  const std::chrono::milliseconds period_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::optional<std::string> health_ = "probe_pending";
  std::jthread thread_;  // last: it starts once everything above is set up
};

}  // namespace suanli::collectors::declared
