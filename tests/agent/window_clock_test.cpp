// The dates of the publish windows when the wall clock steps (agent/window_clock.hpp).
#include "agent/window_clock.hpp"

#include <gtest/gtest.h>

namespace suanli::agent {
namespace {

using std::chrono::milliseconds;

constexpr std::uint64_t kT0 = 1'767'315'580'000;  // 2026-01-02
constexpr std::uint64_t k1970 = 10'000;           // what a box without a real-time clock reads
const WindowClock::Steady kS0 = WindowClock::Steady{} + std::chrono::hours(1);

TEST(WindowClock, WindowsFollowOneAnotherWhileTheClocksAgree) {
  WindowClock clock;
  clock.open(kT0, kS0);
  auto first = clock.close(kT0 + 10'000, kS0 + milliseconds(10'000));
  auto second = clock.close(kT0 + 20'003, kS0 + milliseconds(20'000));  // 3 ms of drift
  EXPECT_EQ(first.span.start_ms, kT0);
  EXPECT_EQ(first.span.end_ms, kT0 + 10'000);
  EXPECT_EQ(second.span.start_ms, first.span.end_ms);
  EXPECT_EQ(second.span.end_ms, kT0 + 20'003);
  EXPECT_EQ(first.step_ms, 0);
  EXPECT_EQ(second.step_ms, 0);
}

TEST(WindowClock, AStepForwardFrom1970DatesTheWindowByItsSteadyLength) {
  WindowClock clock;
  clock.open(k1970, kS0);
  auto before = clock.close(k1970 + 10'000, kS0 + milliseconds(10'000));
  auto across = clock.close(kT0, kS0 + milliseconds(20'000));  // NTP set the clock meanwhile
  auto after = clock.close(kT0 + 10'000, kS0 + milliseconds(30'000));
  EXPECT_EQ(before.span.end_ms, k1970 + 10'000);
  EXPECT_EQ(across.span.start_ms, kT0 - 10'000) << "not 1970: no window spans the step";
  EXPECT_EQ(across.span.end_ms, kT0);
  EXPECT_EQ(across.step_ms, static_cast<std::int64_t>(kT0 - k1970 - 20'000));
  EXPECT_EQ(after.span.start_ms, kT0);
  EXPECT_EQ(after.span.end_ms, kT0 + 10'000);
  EXPECT_EQ(after.step_ms, 0);
}

TEST(WindowClock, AStepBackLeavesNoEmptyWindows) {
  WindowClock clock;
  clock.open(kT0, kS0);
  clock.close(kT0 + 10'000, kS0 + milliseconds(10'000));
  auto across = clock.close(kT0 - 3'600'000, kS0 + milliseconds(20'000));  // an hour back
  auto after = clock.close(kT0 - 3'590'000, kS0 + milliseconds(30'000));
  EXPECT_EQ(across.span.start_ms, kT0 - 3'610'000);
  EXPECT_EQ(across.span.end_ms, kT0 - 3'600'000);
  EXPECT_LT(across.step_ms, 0);
  EXPECT_EQ(after.span.start_ms, across.span.end_ms);
  EXPECT_EQ(after.span.end_ms - after.span.start_ms, 10'000u) << "not 0 ms for the next hour";
}

TEST(WindowClock, AWindowNeverStartsBefore1970) {
  WindowClock clock;
  clock.open(kT0, kS0);
  auto across = clock.close(2'000, kS0 + milliseconds(10'000));  // set back to 1970
  EXPECT_EQ(across.span.start_ms, 0u);
  EXPECT_EQ(across.span.end_ms, 2'000u);
}

}  // namespace
}  // namespace suanli::agent
