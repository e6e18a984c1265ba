#include "central/http/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace suanli::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, BurstThenRefill) {
  RateLimiter limiter(2.0, 3.0, 100);
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 3; ++i)
    EXPECT_FALSE(limiter.admit("10.0.0.1", t0)) << i;
  auto wait = limiter.admit("10.0.0.1", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 1s);
  EXPECT_FALSE(limiter.admit("10.0.0.2", t0));          // another client has its own bucket
  EXPECT_FALSE(limiter.admit("10.0.0.1", t0 + 500ms));  // 2 per second: one token back
  EXPECT_TRUE(limiter.admit("10.0.0.1", t0 + 500ms));
}

TEST(RateLimiter, RetryAfterCoversTheWait) {
  RateLimiter limiter(0.1, 1.0, 100);  // one request per 10 s
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  EXPECT_FALSE(limiter.admit("a", t0));
  auto wait = limiter.admit("a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 10s);
  EXPECT_FALSE(limiter.admit("a", t0 + *wait));
}

TEST(RateLimiter, TrackedClientsStayBounded) {
  RateLimiter limiter(1.0, 1.0, 4);
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 100; ++i)
    limiter.admit("client" + std::to_string(i), t0 + std::chrono::seconds(i * 2));
  EXPECT_LE(limiter.tracked_clients(), 5u);
  for (int i = 0; i < 100; ++i)
    limiter.admit("flood" + std::to_string(i), t0 + 1000s);  // all busy at once
  EXPECT_LE(limiter.tracked_clients(), 5u);
}

}  // namespace
}  // namespace suanli::http
