#pragma once

// Centers -> nodes -> devices, built from births, and the rules of docs/protocol.md section 3:
// de-duplication by (node, boot, seq), boots, ordering, liveness. Pure: the caller passes
// central's clocks as `now` (central/core/instant.hpp) and does all I/O.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "central/core/admission.hpp"
#include "central/core/bounds.hpp"
#include "central/core/device_owners.hpp"
#include "central/core/indicator.hpp"
#include "central/core/node.hpp"
#include "central/core/reject_counters.hpp"
#include "central/core/settings.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

enum class Outcome {
  applied,        // changed the node's state
  duplicate,      // (node, boot, seq) seen before: nothing changed but the duplicate counter
  history,        // a window for history only: hist, or data older than the newest live one
  ignored_older,  // a birth or status older than what the node already applied
  rejected,       // failed validation, or a window out of bounds (reason in ApplyResult)
};
std::string_view to_string(Outcome o);

struct ApplyResult {
  Outcome outcome = Outcome::applied;
  // A window seen for the first time: every hist, and every new data (live or not).
  std::optional<wire::Data> window;
  bool window_live = false;  // the window was applied to the live state
  // A live window of a boot whose birth central does not hold (lost, or refused on admission):
  // the node counts no capacity until it sends one, so central asks for it (cmd rebirth).
  bool needs_birth = false;
  std::string_view reject_reason;  // when rejected
  std::string reject_detail;

  static ApplyResult of(Outcome o) {
    ApplyResult r;
    r.outcome = o;
    return r;
  }
};

// How far a boot may run ahead (docs/protocol.md section 3): a boot more than this ahead of both
// the node's last boot and central's clock in Unix seconds (where an agent that lost its boot file
// starts again) is refused (boot_too_far), so that no single message can push a node's boot near
// wire::kMaxCounter, which its agent could then never pass. A node's first message has no last
// boot: only the wire's bound applies to it.
inline constexpr std::uint64_t kMaxBootAhead = 1'000'000;
bool boot_too_far(std::uint64_t last_boot, std::uint64_t boot, std::uint64_t now_ms);

// A node's state as the store keeps it, to rebuild the registry at start-up.
struct StoredNodeState {
  std::string center;
  std::string node;
  std::uint64_t boot = 0;
  std::optional<std::uint64_t> last_seq;
  std::uint64_t interval_ms = 0;
  std::optional<std::uint64_t> last_data_ms;
  std::uint64_t last_seen_ms = 0;
  bool status_online = true;
};

// What the store keeps of a node, to pass back to Registry::restore at start-up.
StoredNodeState stored_state_of(const NodeRecord& r);

// What the registry takes of a birth, made without it: a restart makes these on the threads that
// decode the stored births, so that only the inserts are left to do one node at a time.
struct ReducedBirth {
  Inventory inventory;
  Identities identities;  // of the inventory's physical devices (device_owners.hpp)
  std::uint64_t interval_ms = 0;

  static ReducedBirth of(const wire::Birth& birth);
};

class Registry {
 public:
  explicit Registry(CoreSettings settings);

  ApplyResult apply(const wire::Status& m, Instant now);
  ApplyResult apply(wire::Birth m, Instant now);
  ApplyResult apply(wire::Data m, Instant now);
  // hist enters history only, never the live state, even when newer than anything seen.
  ApplyResult apply(wire::Hist m, Instant now);

  // Moves nodes between states as time passes: O(fleet) state checks once the earliest time a
  // node could change has come, and contribution work only for the nodes whose state changed.
  void tick(Instant now);
  // While a site bridge is down, the nodes of its centers are stale.
  void set_bridge_state(const std::vector<std::string>& centers, bool up, Instant now);

  // Rebuilds one node from the store. Its live figures stay 0 until its next data window. A boot or
  // seq above wire::kMaxCounter (stored before central bounded them) is forgotten: no agent could
  // ever send a newer one.
  void restore(std::optional<ReducedBirth> birth, const StoredNodeState& stored, Instant now);

  // An HTTP ingest token posted for a center it does not belong to (docs/security.md).
  void note_identity_mismatch(const NodeKey& claimed, const std::string& detail, Instant now);
  struct IdentityMismatch {
    std::uint64_t since_ms = 0;
    std::uint64_t last_ms = 0;
    std::string detail;
  };
  const std::map<NodeKey, IdentityMismatch>& identity_mismatches() const {
    return identity_mismatches_;
  }

  const std::map<NodeKey, NodeRecord>& nodes() const { return nodes_; }
  const DeviceOwners& owners() const { return owners_; }
  // Nodes whose birth has a peak anomaly or whose newest window was refused.
  const std::set<NodeKey>& flagged_nodes() const { return flagged_; }
  const NodeRecord* find(const std::string& center, const std::string& node) const;
  const Indicator& indicator() const { return indicator_; }
  // Every known node's counters added together (stats and /metrics), kept as they change.
  const NodeCounters& counter_totals() const { return counter_totals_; }
  const CoreSettings& settings() const { return settings_; }

  // The pure rules the registry applies, exposed for the JSON views and for tests.
  bool bridge_down(const std::string& center) const { return bridges_down_.contains(center); }
  ComputeClass center_class(const std::string& center) const;
  std::string district_of(const NodeRecord& r) const;
  NodeState derive_state(const NodeRecord& r, Instant now) const;

 private:
  enum class BootOrder { older, same, newer };

  // A message that may not reach its node: one that would add a node (`adds_node`) which
  // admission refuses, or one with a boot too far ahead of its known node's. The ingest counts it.
  std::optional<ApplyResult> refuse_entry(const wire::Header& h, bool adds_node, Instant now);
  NodeRecord& record_for(const wire::Header& h, Instant now);
  BootOrder order_boot(NodeRecord& r, std::uint64_t boot, Instant now);
  void start_boot(NodeRecord& r, std::uint64_t boot, Instant now);
  SeqSet* seen_set(NodeRecord& r, std::uint64_t boot);
  ApplyResult to_history(NodeRecord& r, wire::Data window, Instant now);
  // Recomputes the node's state and contribution and moves the indicator by the difference.
  void refresh(NodeRecord& r, Instant now);
  void refresh_all(const std::vector<NodeKey>& keys, Instant now);
  // The window breaks a bound against the node's birth: refused, counted and flagged.
  std::optional<ApplyResult> refuse_out_of_bounds(NodeRecord& r, const WindowFigures& figures,
                                                  Instant now);
  void set_inventory(NodeRecord& r, Inventory inventory, const Identities& identities, Instant now);
  void note_violation(NodeRecord& r, const BoundViolation& violation, Instant now);
  void update_flag(const NodeRecord& r);
  std::uint64_t retire_ms() const;
  std::uint64_t stale_ms(const NodeRecord& r) const;
  // What a node's freshness is timed from (derive_state).
  static Instant freshness_anchor(const NodeRecord& r);
  // Brings next_scan_ms_ forward to when the node, now in `state`, would change by time alone.
  void note_next_change(const NodeRecord& r, NodeState state);
  // Adds n to one of the node's counters and to its total over the fleet.
  void count(NodeRecord& r, std::uint64_t NodeCounters::*counter, std::uint64_t n = 1);
  DeviceOwners::IsOnline is_online() const;

  CoreSettings settings_;
  Admission admission_{settings_};
  std::map<NodeKey, NodeRecord> nodes_;
  std::set<std::string> bridges_down_;
  Indicator indicator_;
  DeviceOwners owners_;
  std::set<NodeKey> flagged_;
  std::map<NodeKey, IdentityMismatch> identity_mismatches_;
  NodeCounters counter_totals_;
  // The steady time before which no node's state changes by time alone (tick() skips the scan).
  std::uint64_t next_scan_ms_ = 0;
};

}  // namespace suanli::central
