#include "agent/window_clock.hpp"

#include <algorithm>

namespace suanli::agent {

void WindowClock::open(std::uint64_t wall_ms, Steady steady) {
  start_ms_ = wall_ms;
  opened_ = steady;
}

WindowClock::Closed WindowClock::close(std::uint64_t wall_ms, Steady steady) {
  using std::chrono::milliseconds;
  const auto length_ms = static_cast<std::uint64_t>(std::max<std::int64_t>(
      0, std::chrono::duration_cast<milliseconds>(steady - opened_).count()));
  const auto step_ms =
      static_cast<std::int64_t>(wall_ms) - static_cast<std::int64_t>(start_ms_ + length_ms);
  Closed closed;
  if (static_cast<std::uint64_t>(step_ms < 0 ? -step_ms : step_ms) <= kStepToleranceMs) {
    closed.span = {start_ms_, std::max(wall_ms, start_ms_)};
  } else {
    closed.span = {wall_ms - std::min(length_ms, wall_ms), wall_ms};
    closed.step_ms = step_ms;
  }
  open(closed.span.end_ms, steady);
  return closed;
}

}  // namespace suanli::agent
