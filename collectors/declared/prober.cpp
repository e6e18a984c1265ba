#include "collectors/declared/prober.hpp"

#include <spdlog/spdlog.h>

#include "collectors/declared/command_probe.hpp"
#include "collectors/declared/http_probe.hpp"

namespace suanli::collectors::declared {

Prober::Prober(std::string device, config::DeclaredProbe probe, std::chrono::milliseconds period)
    : device_(std::move(device)),
      probe_(std::move(probe)),
      period_(period),
      thread_([this](std::stop_token stop) { run(std::move(stop)); }) {}

Prober::~Prober() {
  stopping_ = true;
  thread_.request_stop();
  wake_.notify_all();
}

std::optional<std::string> Prober::health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

std::optional<std::string> Prober::probe_once() {
  const std::chrono::milliseconds deadline{probe_.deadline_ms};
  std::string detail;
  auto verdict = probe_.http ? probe_http(*probe_.http, deadline, stopping_, detail)
                             : run_command(probe_.command, deadline, stopping_, detail);
  if (verdict && !stopping_) spdlog::debug("declared device {}: {}: {}", device_, *verdict, detail);
  return verdict;
}

void Prober::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    auto verdict = probe_once();
    std::unique_lock lock(mutex_);
    if (stop.stop_requested()) return;
    if (verdict != health_ && health_ != "probe_pending") {
      if (verdict) {
        spdlog::warn("declared device {}: unhealthy ({})", device_, *verdict);
      } else {
        spdlog::info("declared device {}: healthy again", device_);
      }
    }
    health_ = std::move(verdict);
    wake_.wait_for(lock, stop, period_, [] { return false; });
  }
}

}  // namespace suanli::collectors::declared
