#pragma once

// A token bucket per client address. Buckets that have refilled are forgotten once more than
// `max_clients` are tracked, so memory stays bounded under many addresses.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

namespace suanli::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double per_second, double burst, std::size_t max_clients);

  // Takes one token from `client`'s bucket: nullopt when there was one, else the whole seconds
  // until there will be (for Retry-After, at least 1).
  std::optional<std::chrono::seconds> admit(const std::string& client, Clock::time_point now);

  std::size_t tracked_clients() const { return buckets_.size(); }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void refill(Bucket& b, Clock::time_point now) const;
  void forget_full_buckets(Clock::time_point now);

  double per_second_;
  double burst_;
  std::size_t max_clients_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace suanli::http
