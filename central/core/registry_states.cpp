// Registry's rules of time: a node's state as time passes, and the tick that applies them.

#include <algorithm>
#include <limits>

#include "central/core/registry.hpp"

namespace suanli::central {
namespace {

constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

std::uint64_t after(Instant at, std::uint64_t ms) {
  return at.steady_ms > kNever - ms ? kNever : at.steady_ms + ms;
}

}  // namespace

// Retired wins over offline, offline over stale. Freshness is timed from the newest live window
// of this boot, or, before the first one, from the first message of the boot: a node that has
// just started is online (with no live capacity until its first window says which devices are
// healthy).
NodeState Registry::derive_state(const NodeRecord& r, Instant now) const {
  if (now.since(r.last_seen) >= retire_ms()) return NodeState::retired;
  if (!r.status_online) return NodeState::offline;
  if (bridge_down(r.center)) return NodeState::stale;
  if (now.since(freshness_anchor(r)) >= stale_ms(r)) return NodeState::stale;
  return NodeState::online;
}

std::uint64_t Registry::retire_ms() const {
  return static_cast<std::uint64_t>(settings_.retire_after_s) * 1000;
}

std::uint64_t Registry::stale_ms(const NodeRecord& r) const {
  return static_cast<std::uint64_t>(settings_.stale_after_intervals) * r.effective_interval_ms();
}

Instant Registry::freshness_anchor(const NodeRecord& r) {
  return r.last_data.value_or(r.boot_seen);
}

// When derive_state would first move a node in `state` by time alone: online turns stale and
// anything but retired retires (Instant::since(x) >= d from steady time x + d on). Everything
// else that moves a state is a message or a bridge, and refreshes the node.
void Registry::note_next_change(const NodeRecord& r, NodeState state) {
  if (state == NodeState::retired) return;
  std::uint64_t change = after(r.last_seen, retire_ms());
  if (state == NodeState::online)
    change = std::min(change, after(freshness_anchor(r), stale_ms(r)));
  next_scan_ms_ = std::min(next_scan_ms_, change);
}

// The fleet is scanned only once the earliest such time has come: about once per stale period,
// not every tick.
void Registry::tick(Instant now) {
  if (now.steady_ms < next_scan_ms_) return;
  next_scan_ms_ = kNever;
  for (auto& [key, r] : nodes_) {
    if (derive_state(r, now) != r.state) {
      refresh(r, now);
    } else {
      note_next_change(r, r.state);
    }
  }
}

}  // namespace suanli::central
