#include "central/http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace suanli::http {

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_clients)
    : per_second_(std::max(per_second, 1e-6)),
      burst_(std::max(burst, 1.0)),
      max_clients_(std::max<std::size_t>(max_clients, 1)) {}

void RateLimiter::refill(Bucket& b, Clock::time_point now) const {
  if (now <= b.updated) return;
  double elapsed_s = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min(burst_, b.tokens + elapsed_s * per_second_);
  b.updated = now;
}

void RateLimiter::forget_full_buckets(Clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
}

std::optional<std::chrono::seconds> RateLimiter::admit(const std::string& client,
                                                       Clock::time_point now) {
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) forget_full_buckets(now);
    // Still full of busy clients: let the newcomer share one bucket rather than grow without
    // bound.
    std::string key = buckets_.size() >= max_clients_ ? std::string("*overflow*") : client;
    it = buckets_.try_emplace(key, Bucket{.tokens = burst_, .updated = now}).first;
  }
  Bucket& b = it->second;
  refill(b, now);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  double wait_s = (1.0 - b.tokens) / per_second_;
  return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait_s))));
}

}  // namespace suanli::http
