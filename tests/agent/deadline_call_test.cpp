#include "agent/deadline_call.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace suanli::agent {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(AgentDeadline, FastCallReturnsItsValue) {
  DeadlineCall<int> call([] { return 42; });
  auto v = call.wait_until(Clock::now() + 5s);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, 42);
  EXPECT_TRUE(call.finished());
}

TEST(AgentDeadline, HungCallIsLeftBehindAndFinishesLater) {
  auto release = std::make_shared<std::atomic<bool>>(false);
  DeadlineCall<int> call([release] {
    while (!*release)
      std::this_thread::sleep_for(1ms);
    return 7;
  });
  EXPECT_FALSE(call.wait_until(Clock::now() + 50ms).has_value());
  EXPECT_FALSE(call.finished());
  *release = true;
  auto v = call.wait_until(Clock::now() + 5s);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, 7);
}

TEST(AgentDeadline, AbandonedCallOutlivesItsCaller) {
  auto release = std::make_shared<std::atomic<bool>>(false);
  auto finished = std::make_shared<std::atomic<bool>>(false);
  {
    DeadlineCall<int> call([release, finished] {
      while (!*release)
        std::this_thread::sleep_for(1ms);
      *finished = true;
      return 1;
    });
    EXPECT_FALSE(call.wait_until(Clock::now() + 10ms).has_value());
  }
  *release = true;
  for (int i = 0; i < 5000 && !*finished; ++i)
    std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(*finished);
}

}  // namespace
}  // namespace suanli::agent
