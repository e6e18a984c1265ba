#pragma once

// Jittered exponential backoff for reconnects: the n-th delay is drawn uniformly from
// [d/2, d] with d = min(max, min * 2^n) ("equal jitter"), so agents that lost the same broker
// do not all come back in the same millisecond. reset() after a successful connect.

#include <chrono>
#include <cstdint>
#include <random>

namespace suanli::mqtt {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max);
  std::chrono::milliseconds next();
  void reset() { attempt_ = 0; }

 private:
  std::chrono::milliseconds min_;
  std::chrono::milliseconds max_;
  int attempt_ = 0;
  std::minstd_rand rng_;
};

}  // namespace suanli::mqtt
