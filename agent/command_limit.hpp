#pragma once

// Commands on the node's cmd topic, rate-limited: anyone who may publish there could otherwise
// make the agent publish a birth (and log a line) per message. At most kCommandBurst at once
// and one per kCommandPeriod after that are acted on; the rest are ignored, and logged once per
// episode: at the first one ignored, and with their count when a command is acted on again (or
// at stop).

#include <chrono>
#include <cstdint>

#include "config/token_bucket.hpp"

namespace suanli::agent {

inline constexpr double kCommandBurst = 3;
inline constexpr std::chrono::seconds kCommandPeriod{10};

class CommandLimit {
 public:
  CommandLimit();
  // True when the command that just arrived may be acted on.
  bool admit(TokenBucket::Clock::time_point now = TokenBucket::Clock::now());
  // Logs the count of an episode still open.
  void finish();

 private:
  TokenBucket bucket_;
  std::uint64_t ignored_in_episode_ = 0;
};

}  // namespace suanli::agent
