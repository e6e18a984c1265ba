#include "agent/command_limit.hpp"

#include <spdlog/spdlog.h>

namespace suanli::agent {

CommandLimit::CommandLimit()
    : bucket_(1.0 / static_cast<double>(kCommandPeriod.count()), kCommandBurst) {}

bool CommandLimit::admit(TokenBucket::Clock::time_point now) {
  if (!bucket_.try_take(now)) {
    if (ignored_in_episode_++ == 0) {
      spdlog::warn(
          "mqtt: commands arrive faster than {} at once and one per {} s; ignoring them until "
          "they slow down",
          kCommandBurst, kCommandPeriod.count());
    }
    return false;
  }
  finish();
  return true;
}

void CommandLimit::finish() {
  if (ignored_in_episode_ == 0) return;
  spdlog::warn("mqtt: {} commands ignored (too many)", ignored_in_episode_);
  ignored_in_episode_ = 0;
}

}  // namespace suanli::agent
