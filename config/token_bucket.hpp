#pragma once

// A token bucket: `per_second` tokens sustained, at most `burst` held; it starts full.

#include <chrono>

namespace suanli {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  TokenBucket(double per_second, double burst, Clock::time_point now = Clock::now());

  // Takes one token when there is one.
  bool try_take(Clock::time_point now = Clock::now());
  double tokens(Clock::time_point now = Clock::now());

 private:
  void refill(Clock::time_point now);

  double per_second_;
  double burst_;
  double tokens_;
  Clock::time_point updated_;
};

}  // namespace suanli
