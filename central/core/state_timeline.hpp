#pragma once

// When a node's state changed, so that a window that arrives late (hist, or data older than the
// newest live one) can be folded into the history minutes where the node was not counted live.
// Bounded: the oldest changes are forgotten, and what the node was before the oldest one kept is
// then unknown (never guessed).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace suanli::central {

enum class NodeState;

// What a node counted as in the indicator at some past instant.
enum class PastState {
  absent,  // not yet known to central: counted nowhere
  online,
  stale,
  offline,
  retired,
};

class StateTimeline {
 public:
  static constexpr std::size_t kMaxChanges = 16;

  // The node became known to central at `at_ms` in `state`.
  void start(std::uint64_t at_ms, NodeState state);
  // The node's state at `at_ms`; a repeat of the current state records nothing.
  void record(std::uint64_t at_ms, NodeState state);
  // Before `at_ms` nothing is known (central rebuilt the node from its store at a restart).
  void forget_before(std::uint64_t at_ms);

  // nullopt: not known (forgotten, or before a restart).
  std::optional<PastState> at(std::uint64_t t_ms) const;

 private:
  std::vector<std::pair<std::uint64_t, PastState>> changes_;  // (from_ms, state), ascending
  std::uint64_t known_from_ms_ = 0;
};

}  // namespace suanli::central
