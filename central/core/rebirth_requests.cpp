#include "central/core/rebirth_requests.hpp"

#include <cstddef>
#include <iterator>

namespace suanli::central {

namespace {
// Above this many nodes asked, entries past their retry time are dropped (they would be asked
// again anyway), so nodes that never answer cannot grow the map.
constexpr std::size_t kPruneAbove = 4096;
}  // namespace

bool RebirthRequests::due(const NodeKey& node, std::uint64_t steady_ms) {
  auto it = asked_.find(node);
  if (it != asked_.end() && steady_ms - it->second < retry_ms_) return false;
  if (it == asked_.end() && asked_.size() >= kPruneAbove) forget_older_than(steady_ms);
  asked_[node] = steady_ms;
  ++sent_;
  return true;
}

void RebirthRequests::forget_older_than(std::uint64_t steady_ms) {
  for (auto it = asked_.begin(); it != asked_.end();) {
    it = steady_ms - it->second >= retry_ms_ ? asked_.erase(it) : std::next(it);
  }
}

}  // namespace suanli::central
