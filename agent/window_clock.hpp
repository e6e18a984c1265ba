#pragma once

#include <chrono>
#include <cstdint>

namespace suanli::agent {

// A window's dates on the wall clock (UTC ms), as the data message carries them.
struct WindowSpan {
  std::uint64_t start_ms = 0;
  std::uint64_t end_ms = 0;
};

// Dates the publish windows. Windows are timed on the steady clock; their dates come from the
// wall clock. While the two agree, each window starts where the previous one ended. When the wall
// clock steps (NTP after a boot in 1970 on a box without a real-time clock, `date -s`), the window
// that saw the step ends at the new wall time and starts its steady length before it, so no
// window spans the step (a window of 55 years, or of 0 ms for an hour after a step back).
class WindowClock {
 public:
  using Steady = std::chrono::steady_clock::time_point;
  // A difference between the two clocks up to this much is drift, absorbed by one window.
  static constexpr std::uint64_t kStepToleranceMs = 1000;

  struct Closed {
    WindowSpan span;
    std::int64_t step_ms = 0;  // how far the wall clock stepped during the window; 0: it did not
  };

  // Opens the first window at these readings of the two clocks.
  void open(std::uint64_t wall_ms, Steady steady);
  // Closes the open window at these readings and opens the next one at the end of it.
  Closed close(std::uint64_t wall_ms, Steady steady);

 private:
  std::uint64_t start_ms_ = 0;
  Steady opened_{};
};

}  // namespace suanli::agent
