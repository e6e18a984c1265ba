#pragma once

// A moment as central's two clocks read it. The wall clock (UTC ms) dates things: history rows,
// state changes, the times the API shows. The steady clock never steps: how long since a node's
// last data or last message (stale, retired) is measured on it, so a step of central's own clock
// (NTP after a boot, an operator's `date -s`, a VM restored from a snapshot) neither marks fresh
// nodes stale nor keeps silent ones online.

#include <algorithm>
#include <cstdint>

namespace suanli::central {

struct Instant {
  std::uint64_t wall_ms = 0;
  std::uint64_t steady_ms = 0;

  constexpr Instant() = default;
  constexpr Instant(std::uint64_t wall, std::uint64_t steady) : wall_ms(wall), steady_ms(steady) {}
  // One reading for both clocks: for callers whose clock does not step (the core's tests).
  constexpr Instant(std::uint64_t ms) : wall_ms(ms), steady_ms(ms) {}

  // The moment dated `wall_ms` (a time the store kept), placed on the steady clock by its age at
  // `now`; a date after now (the wall clock stepped back since) is taken as now.
  static constexpr Instant dated(std::uint64_t wall_ms, Instant now) {
    const std::uint64_t age = now.wall_ms > wall_ms ? now.wall_ms - wall_ms : 0;
    return {wall_ms, now.steady_ms - std::min(age, now.steady_ms)};
  }

  // Steady milliseconds from `earlier` to this moment (0 when `earlier` is not earlier).
  constexpr std::uint64_t since(Instant earlier) const {
    return steady_ms > earlier.steady_ms ? steady_ms - earlier.steady_ms : 0;
  }
};

}  // namespace suanli::central
