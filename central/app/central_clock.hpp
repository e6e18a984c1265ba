#pragma once

// Central's two clocks as the core reads them (central/core/instant.hpp). The steady one counts
// from the wall time at start, so that a date the store kept can be placed on it at a restart.

#include <chrono>
#include <cstdint>

#include "central/core/instant.hpp"

namespace suanli::central {

class CentralClock {
 public:
  static std::uint64_t wall_ms() {
    using namespace std::chrono;
    return static_cast<std::uint64_t>(
        duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
  }

  Instant now() const {
    using namespace std::chrono;
    const auto ran = duration_cast<milliseconds>(steady_clock::now() - steady_at_start_).count();
    return {wall_ms(), wall_at_start_ms_ + static_cast<std::uint64_t>(ran)};
  }

 private:
  std::uint64_t wall_at_start_ms_ = wall_ms();
  std::chrono::steady_clock::time_point steady_at_start_ = std::chrono::steady_clock::now();
};

}  // namespace suanli::central
