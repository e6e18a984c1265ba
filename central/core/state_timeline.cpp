#include "central/core/state_timeline.hpp"

#include <algorithm>

#include "central/core/node.hpp"

namespace suanli::central {
namespace {

PastState past_of(NodeState s) {
  switch (s) {
    case NodeState::online:
      return PastState::online;
    case NodeState::stale:
      return PastState::stale;
    case NodeState::offline:
      return PastState::offline;
    case NodeState::retired:
      return PastState::retired;
  }
  return PastState::absent;
}

}  // namespace

void StateTimeline::start(std::uint64_t at_ms, NodeState state) {
  changes_.assign(1, {at_ms, past_of(state)});
  known_from_ms_ = 0;
}

void StateTimeline::record(std::uint64_t at_ms, NodeState state) {
  const PastState s = past_of(state);
  if (!changes_.empty() && changes_.back().second == s) return;
  if (!changes_.empty()) at_ms = std::max(at_ms, changes_.back().first);
  changes_.emplace_back(at_ms, s);
  if (changes_.size() > kMaxChanges) {
    changes_.erase(changes_.begin());
    known_from_ms_ = std::max(known_from_ms_, changes_.front().first);
  }
}

void StateTimeline::forget_before(std::uint64_t at_ms) {
  known_from_ms_ = std::max(known_from_ms_, at_ms);
}

std::optional<PastState> StateTimeline::at(std::uint64_t t_ms) const {
  if (t_ms < known_from_ms_) return std::nullopt;
  auto later = std::upper_bound(changes_.begin(), changes_.end(), t_ms,
                                [](std::uint64_t t, const auto& c) { return t < c.first; });
  if (later == changes_.begin()) return PastState::absent;
  return std::prev(later)->second;
}

}  // namespace suanli::central
