#include "uplink/mqtt/backoff.hpp"

#include <algorithm>

namespace suanli::mqtt {

Backoff::Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max)
    : min_(std::max(min, std::chrono::milliseconds(1))),
      max_(std::max(max, min_)),
      rng_(std::random_device{}()) {}

std::chrono::milliseconds Backoff::next() {
  std::int64_t d = min_.count();
  for (int i = 0; i < attempt_ && d < max_.count(); ++i)
    d *= 2;
  d = std::min<std::int64_t>(d, max_.count());
  if (attempt_ < 62) ++attempt_;
  std::uniform_int_distribution<std::int64_t> pick(d / 2, d);
  return std::chrono::milliseconds(pick(rng_));
}

}  // namespace suanli::mqtt
