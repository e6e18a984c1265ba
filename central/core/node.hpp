#pragma once

// One node as central knows it: identity, sequencing, liveness and its latest inventory and window.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "central/core/contribution.hpp"
#include "central/core/instant.hpp"
#include "central/core/packed_contribution.hpp"
#include "central/core/seq_set.hpp"
#include "central/core/state_timeline.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

// docs/design.md, "Node states": online (fresh data), stale (no data for stale_after_intervals x
// interval, or its site bridge is down), offline (status false), retired (not heard from for
// retire_after_s).
enum class NodeState { online, stale, offline, retired };
inline constexpr std::size_t kNodeStateCount = 4;
inline constexpr std::array<NodeState, kNodeStateCount> kAllNodeStates = {
    NodeState::online, NodeState::stale, NodeState::offline, NodeState::retired};

std::string_view to_string(NodeState s);

using NodeKey = std::pair<std::string, std::string>;  // (center, node)

struct NodeCounters {
  std::uint64_t duplicates = 0;
  std::uint64_t gaps = 0;              // live windows that skipped sequence numbers
  std::uint64_t missed_windows = 0;    // sequence numbers skipped by those gaps
  std::uint64_t out_of_order = 0;      // data older than the newest live window (history only)
  std::uint64_t older_ignored = 0;     // birth or status of an older boot or sequence
  std::uint64_t bound_violations = 0;  // windows refused for a reading out of bounds
  bool operator==(const NodeCounters&) const = default;
};

// Used when neither a birth nor a data window has told central the node's interval yet.
inline constexpr std::uint64_t kDefaultIntervalMs = 10000;

struct NodeRecord {
  std::string center;
  std::string node;
  std::uint64_t boot = 0;
  // Seen data/hist sequence numbers of the most recent boots (at most kSeenBoots), by boot.
  std::map<std::uint64_t, SeqSet> seen;
  std::optional<std::uint64_t> last_seq;  // newest window applied to live state, this boot
  std::uint64_t interval_ms = 0;          // 0 = not known yet
  std::optional<Instant> last_data;       // arrival of the newest live window, this boot
  Instant boot_seen;                      // arrival of the first message of this boot
  Instant last_seen;                      // arrival of the newest message
  bool status_online = true;              // false after status false, until status true
  std::optional<Inventory> inventory;     // from the newest birth; absent until the first
  std::optional<WindowFigures> latest;    // the newest live window, this boot
  NodeCounters counters;
  // When the newest birth's peaks were first found off the catalog, or implausible; absent while
  // they are not.
  std::optional<std::uint64_t> peak_anomaly_since_ms;
  // The newest window refused for a reading out of bounds, until a window is accepted again.
  struct Violation {
    std::uint64_t since_ms = 0;
    std::string device;
    std::string detail;
  };
  std::optional<Violation> violation;

  // What the indicator holds for this node; the registry keeps these equal to a fresh
  // computation after every change.
  NodeState state = NodeState::online;
  std::string district;
  PackedContribution contribution;
  StateTimeline timeline;  // when `state` changed, for folding late windows into history

  std::optional<std::uint64_t> last_data_ms() const {
    return last_data ? std::optional(last_data->wall_ms) : std::nullopt;
  }
  std::uint64_t effective_interval_ms() const {
    return interval_ms ? interval_ms : kDefaultIntervalMs;
  }
};

inline constexpr std::size_t kSeenBoots = 4;

}  // namespace suanli::central
