#include "config/token_bucket.hpp"

#include <algorithm>

namespace suanli {

TokenBucket::TokenBucket(double per_second, double burst, Clock::time_point now)
    : per_second_(std::max(per_second, 1e-9)),
      burst_(std::max(burst, 1.0)),
      tokens_(burst_),
      updated_(now) {}

void TokenBucket::refill(Clock::time_point now) {
  if (now <= updated_) return;
  std::chrono::duration<double> elapsed = now - updated_;
  tokens_ = std::min(burst_, tokens_ + elapsed.count() * per_second_);
  updated_ = now;
}

bool TokenBucket::try_take(Clock::time_point now) {
  refill(now);
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

double TokenBucket::tokens(Clock::time_point now) {
  refill(now);
  return tokens_;
}

}  // namespace suanli
