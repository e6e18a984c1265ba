#pragma once

#include <cstdint>
#include <optional>

namespace suanli {

// A device's physical readings, as sampled (collectors) and as sent in a window (wire). Every
// value is optional: absent is unknown, never zero.
struct DeviceTelemetry {
  std::optional<std::uint64_t> memory_used_bytes;
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<double> power_w;
  std::optional<double> power_limit_w;
  std::optional<double> temperature_c;
  std::optional<double> sm_clock_mhz;

  // Takes every value `now` knows and keeps the last known value of the others.
  void update(const DeviceTelemetry& now) {
    auto take = [](auto& mine, const auto& theirs) {
      if (theirs) mine = theirs;
    };
    take(memory_used_bytes, now.memory_used_bytes);
    take(memory_total_bytes, now.memory_total_bytes);
    take(power_w, now.power_w);
    take(power_limit_w, now.power_limit_w);
    take(temperature_c, now.temperature_c);
    take(sm_clock_mhz, now.sm_clock_mhz);
  }

  bool operator==(const DeviceTelemetry&) const = default;
};

}  // namespace suanli
