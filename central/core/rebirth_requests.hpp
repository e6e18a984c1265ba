#pragma once

// When central asks a node for its birth (cmd rebirth, docs/protocol.md section 9): a live window
// arrived for a boot whose birth central does not hold. At most once per node per `retry_ms`, so
// a node whose births keep being refused (admission) costs a command a minute, not one a window;
// the agent bounds what it acts on besides.

#include <cstddef>
#include <cstdint>
#include <map>

#include "central/core/node.hpp"

namespace suanli::central {

inline constexpr std::uint64_t kRebirthRetryMs = 60'000;

class RebirthRequests {
 public:
  explicit RebirthRequests(std::uint64_t retry_ms = kRebirthRetryMs) : retry_ms_(retry_ms) {}

  // Whether to ask `node` now (`steady_ms` on a clock that does not step); when so, it is noted.
  bool due(const NodeKey& node, std::uint64_t steady_ms);
  // The node's birth arrived: it may be asked again at once when one goes missing later.
  void answered(const NodeKey& node) { asked_.erase(node); }
  std::uint64_t sent() const { return sent_; }
  std::size_t tracked() const { return asked_.size(); }

 private:
  void forget_older_than(std::uint64_t steady_ms);

  std::uint64_t retry_ms_;
  std::map<NodeKey, std::uint64_t> asked_;  // node -> when it was last asked
  std::uint64_t sent_ = 0;
};

}  // namespace suanli::central
