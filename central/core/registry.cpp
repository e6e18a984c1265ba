#include "central/core/registry.hpp"

#include <algorithm>
#include <utility>

#include "uplink/wire/codec.hpp"

namespace suanli::central {

bool boot_too_far(std::uint64_t last_boot, std::uint64_t boot, std::uint64_t now_ms) {
  return boot > std::max(last_boot, now_ms / 1000) + kMaxBootAhead;
}

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::applied:
      return "applied";
    case Outcome::duplicate:
      return "duplicate";
    case Outcome::history:
      return "history";
    case Outcome::ignored_older:
      return "ignored_older";
    case Outcome::rejected:
      return "rejected";
  }
  return "rejected";
}

StoredNodeState stored_state_of(const NodeRecord& r) {
  return StoredNodeState{
      .center = r.center,
      .node = r.node,
      .boot = r.boot,
      .last_seq = r.last_seq,
      .interval_ms = r.interval_ms,
      .last_data_ms = r.last_data_ms(),
      .last_seen_ms = r.last_seen.wall_ms,
      .status_online = r.status_online,
  };
}

ReducedBirth ReducedBirth::of(const wire::Birth& birth) {
  ReducedBirth reduced{
      .inventory = Inventory::of(birth), .identities = {}, .interval_ms = birth.interval_ms};
  for (const InventoryDevice& d : reduced.inventory.devices) {
    if (!d.slice && !d.identity.empty()) reduced.identities.insert(d.identity);
  }
  return reduced;
}

Registry::Registry(CoreSettings settings) : settings_(std::move(settings)) {}

namespace {

ApplyResult window_result(Outcome o, wire::Data window, bool live) {
  ApplyResult r = ApplyResult::of(o);
  r.window = std::move(window);
  r.window_live = live;
  return r;
}

bool has_peak_anomaly(const Inventory& inv) {
  for (const InventoryDevice& d : inv.devices) {
    if (!d.slice && (d.check.mismatched != 0 || d.check.implausible != 0)) return true;
  }
  return false;
}

}  // namespace

const NodeRecord* Registry::find(const std::string& center, const std::string& node) const {
  auto it = nodes_.find(NodeKey{center, node});
  return it == nodes_.end() ? nullptr : &it->second;
}

ComputeClass Registry::center_class(const std::string& center) const {
  auto it = settings_.centers.find(center);
  return it == settings_.centers.end() ? ComputeClass::intelligent : it->second.compute_class;
}

// A configured district wins over the one the agent reports in its birth.
std::string Registry::district_of(const NodeRecord& r) const {
  auto it = settings_.centers.find(r.center);
  if (it != settings_.centers.end() && it->second.district) return *it->second.district;
  if (r.inventory && r.inventory->district) return *r.inventory->district;
  return "";
}

// A change between online and not online can move device identities between nodes
// (device_owners.hpp); the nodes they leave and join are refreshed in turn.
void Registry::refresh(NodeRecord& r, Instant now) {
  const NodeKey key{r.center, r.node};
  const NodeState state = derive_state(r, now);
  std::string district = district_of(r);
  Contribution contribution = contribution_of(NodeInputs{
      .inventory = r.inventory ? &*r.inventory : nullptr,
      .window = r.latest ? &*r.latest : nullptr,
      .retired = state == NodeState::retired,
      .online = state == NodeState::online,
      .center_class = center_class(r.center),
      .held_elsewhere = &owners_.held_elsewhere(key),
  });
  PackedContribution packed(contribution);
  note_next_change(r, state);
  if (state == r.state && district == r.district && packed == r.contribution) return;
  const bool was_online = r.state == NodeState::online;
  indicator_.remove(NodePart{r.center, r.district, r.state, r.contribution.unpack()});
  r.timeline.record(now.wall_ms, state);
  r.state = state;
  r.district = std::move(district);
  r.contribution = std::move(packed);
  indicator_.add(NodePart{r.center, r.district, r.state, contribution});
  const bool online = state == NodeState::online;
  if (online != was_online) {
    refresh_all(owners_.state_changed(key, online, is_online(), now.wall_ms), now);
  }
}

void Registry::refresh_all(const std::vector<NodeKey>& keys, Instant now) {
  for (const NodeKey& k : keys) {
    auto it = nodes_.find(k);
    if (it != nodes_.end()) refresh(it->second, now);
  }
}

DeviceOwners::IsOnline Registry::is_online() const {
  return [this](const NodeKey& k) {
    auto it = nodes_.find(k);
    return it != nodes_.end() && it->second.state == NodeState::online;
  };
}

void Registry::set_inventory(NodeRecord& r, Inventory inventory, const Identities& identities,
                             Instant now) {
  const NodeKey key{r.center, r.node};
  if (!has_peak_anomaly(inventory)) {
    r.peak_anomaly_since_ms.reset();
  } else if (!r.peak_anomaly_since_ms) {
    r.peak_anomaly_since_ms = now.wall_ms;
  }
  r.inventory = std::move(inventory);
  if (r.latest) {
    if (auto violation = bound_violation(*r.inventory, *r.latest)) {
      note_violation(r, *violation, now);
      r.latest.reset();
    }
  }
  update_flag(r);
  std::vector<NodeKey> changed = owners_.claim(key, identities, is_online(), now.wall_ms);
  refresh(r, now);
  refresh_all(changed, now);
}

// Counted; the anomaly keeps the time of the first refusal until a window is accepted again.
void Registry::note_violation(NodeRecord& r, const BoundViolation& violation, Instant now) {
  count(r, &NodeCounters::bound_violations);
  if (!r.violation) r.violation = NodeRecord::Violation{now.wall_ms, {}, {}};
  r.violation->device = violation.device;
  r.violation->detail = violation.detail;
}

void Registry::update_flag(const NodeRecord& r) {
  const NodeKey key{r.center, r.node};
  if (r.peak_anomaly_since_ms || r.violation) {
    flagged_.insert(key);
  } else {
    flagged_.erase(key);
  }
}

std::optional<ApplyResult> Registry::refuse_out_of_bounds(NodeRecord& r,
                                                          const WindowFigures& figures,
                                                          Instant now) {
  if (!r.inventory) return std::nullopt;
  std::optional<BoundViolation> violation = bound_violation(*r.inventory, figures);
  if (!violation) return std::nullopt;
  note_violation(r, *violation, now);
  update_flag(r);
  ApplyResult refused = ApplyResult::of(Outcome::rejected);
  refused.reject_reason = kRejectBoundViolation;
  refused.reject_detail = violation->device + ": " + violation->detail;
  return refused;
}

void Registry::note_identity_mismatch(const NodeKey& claimed, const std::string& detail,
                                      Instant now) {
  auto [it, fresh] = identity_mismatches_.try_emplace(claimed);
  if (fresh) it->second.since_ms = now.wall_ms;
  it->second.last_ms = now.wall_ms;
  it->second.detail = detail;
}

std::optional<ApplyResult> Registry::refuse_entry(const wire::Header& h, bool adds_node,
                                                  Instant now) {
  const NodeRecord* known = find(h.center, h.node);
  ApplyResult refused = ApplyResult::of(Outcome::rejected);
  if (known != nullptr) {
    if (!boot_too_far(known->boot, h.boot, now.wall_ms)) return std::nullopt;
    refused.reject_reason = kRejectBootTooFar;
    refused.reject_detail = "boot " + std::to_string(h.boot) + " is more than " +
                            std::to_string(kMaxBootAhead) + " ahead of the node's boot " +
                            std::to_string(known->boot) + " and of central's clock";
    return refused;
  }
  if (!adds_node) return std::nullopt;
  refused.reject_reason = admission_.admit(settings_.centers.contains(h.center),
                                           indicator_.centers().contains(h.center), now.steady_ms);
  if (refused.reject_reason.empty()) return std::nullopt;
  refused.reject_detail = "a new node of center " + h.center + " (" +
                          std::string(refused.reject_reason) + ", docs/security.md)";
  return refused;
}

NodeRecord& Registry::record_for(const wire::Header& h, Instant now) {
  auto [it, inserted] = nodes_.try_emplace(NodeKey{h.center, h.node});
  NodeRecord& r = it->second;
  if (inserted) {
    r.center = h.center;
    r.node = h.node;
    r.boot = h.boot;
    r.boot_seen = now;
    r.last_seen = now;
    r.state = NodeState::online;
    r.timeline.start(now.wall_ms, r.state);
    r.district = district_of(r);
    indicator_.add(NodePart{r.center, r.district, r.state, r.contribution.unpack()});
    note_next_change(r, r.state);
  }
  return r;
}

void Registry::start_boot(NodeRecord& r, std::uint64_t boot, Instant now) {
  r.boot = boot;
  r.last_seq.reset();
  r.latest.reset();
  r.last_data.reset();
  r.boot_seen = now;
  r.status_online = true;  // a new boot is a new agent start, connected
}

Registry::BootOrder Registry::order_boot(NodeRecord& r, std::uint64_t boot, Instant now) {
  if (boot < r.boot) return BootOrder::older;
  if (boot == r.boot) return BootOrder::same;
  start_boot(r, boot, now);
  return BootOrder::newer;
}

// Keeps the seen sets of the kSeenBoots newest boots (always the current one); windows of older
// boots go to history without de-duplication here (history folds each (minute, node) once).
SeqSet* Registry::seen_set(NodeRecord& r, std::uint64_t boot) {
  if (!r.seen.contains(boot)) {
    if (r.seen.size() >= kSeenBoots && boot < r.seen.begin()->first) return nullptr;
    r.seen.try_emplace(boot);
    while (r.seen.size() > kSeenBoots) {
      auto victim = r.seen.begin();
      if (victim->first == r.boot) ++victim;
      r.seen.erase(victim);
    }
  }
  return &r.seen.at(boot);
}

ApplyResult Registry::to_history(NodeRecord& r, wire::Data window, Instant now) {
  r.last_seen = now;
  refresh(r, now);
  return window_result(Outcome::history, std::move(window), false);
}

// Statuses of the current boot apply in the order they arrive, whatever their seq: the Last Will
// is registered at connect time, so after a reconnect it carries an older seq than the online
// status that followed that connect, yet it is the newer event.
ApplyResult Registry::apply(const wire::Status& m, Instant now) {
  if (auto refused = refuse_entry(m.header, true, now)) return std::move(*refused);
  NodeRecord& r = record_for(m.header, now);
  if (order_boot(r, m.header.boot, now) == BootOrder::older) {
    count(r, &NodeCounters::older_ignored);
    return ApplyResult::of(Outcome::ignored_older);
  }
  r.status_online = m.online;
  r.last_seen = now;
  refresh(r, now);
  return ApplyResult::of(Outcome::applied);
}

// A birth of the same boot replaces the inventory (rebirth, hot-plug); one older than the
// inventory held (by boot, then seq) is ignored.
ApplyResult Registry::apply(wire::Birth m, Instant now) {
  if (auto refused = refuse_entry(m.header, true, now)) return std::move(*refused);
  NodeRecord& r = record_for(m.header, now);
  const BootOrder order = order_boot(r, m.header.boot, now);
  const bool older_than_held = order == BootOrder::same && r.inventory &&
                               r.inventory->boot == m.header.boot &&
                               m.header.seq < r.inventory->seq;
  if (order == BootOrder::older || older_than_held) {
    count(r, &NodeCounters::older_ignored);
    return ApplyResult::of(Outcome::ignored_older);
  }
  ReducedBirth reduced = ReducedBirth::of(m);
  r.interval_ms = reduced.interval_ms;
  r.last_seen = now;
  set_inventory(r, std::move(reduced.inventory), reduced.identities, now);
  return ApplyResult::of(Outcome::applied);
}

// A data message for a node without a birth creates the node with an unknown inventory: it is
// counted among the nodes, and contributes no capacity until its birth arrives.
ApplyResult Registry::apply(wire::Data m, Instant now) {
  if (auto refused = refuse_entry(m.header, true, now)) return std::move(*refused);
  NodeRecord& r = record_for(m.header, now);
  const std::uint64_t seq = m.header.seq;
  SeqSet* seen = seen_set(r, m.header.boot);
  if (seen != nullptr && seen->contains(seq)) {
    count(r, &NodeCounters::duplicates);
    return ApplyResult::of(Outcome::duplicate);
  }
  WindowFigures figures = WindowFigures::of(m);
  if (auto refused = refuse_out_of_bounds(r, figures, now)) return std::move(*refused);
  const BootOrder order = order_boot(r, m.header.boot, now);
  if (seen != nullptr) seen->insert(seq);
  if (order == BootOrder::older) return to_history(r, std::move(m), now);
  if (r.last_seq && seq <= *r.last_seq) {
    count(r, &NodeCounters::out_of_order);
    return to_history(r, std::move(m), now);
  }
  if (r.last_seq && seq > *r.last_seq + 1) {
    count(r, &NodeCounters::gaps);
    count(r, &NodeCounters::missed_windows, seq - *r.last_seq - 1);
  }
  r.last_seq = seq;
  r.interval_ms = m.interval_ms;
  r.last_data = now;
  r.last_seen = now;
  r.latest = std::move(figures);
  if (r.violation) {
    r.violation.reset();
    update_flag(r);
  }
  refresh(r, now);
  const bool needs_birth = !r.inventory || r.inventory->boot != m.header.boot;
  ApplyResult result = window_result(Outcome::applied, std::move(m), true);
  result.needs_birth = needs_birth;
  return result;
}

ApplyResult Registry::apply(wire::Hist m, Instant now) {
  const wire::Header& h = m.data.header;
  if (auto refused = refuse_entry(h, false, now)) return std::move(*refused);
  auto it = nodes_.find(NodeKey{h.center, h.node});
  if (it == nodes_.end()) return window_result(Outcome::history, std::move(m.data), false);
  NodeRecord& r = it->second;
  SeqSet* seen = seen_set(r, h.boot);
  if (seen != nullptr && seen->contains(h.seq)) {
    count(r, &NodeCounters::duplicates);
    return ApplyResult::of(Outcome::duplicate);
  }
  if (auto refused = refuse_out_of_bounds(r, WindowFigures::of(m.data), now)) {
    return std::move(*refused);
  }
  if (seen != nullptr) seen->insert(h.seq);
  return to_history(r, std::move(m.data), now);
}

void Registry::count(NodeRecord& r, std::uint64_t NodeCounters::*counter, std::uint64_t n) {
  r.counters.*counter += n;
  counter_totals_.*counter += n;
}

void Registry::set_bridge_state(const std::vector<std::string>& centers, bool up, Instant now) {
  for (const std::string& c : centers) {
    if (up) {
      bridges_down_.erase(c);
    } else {
      bridges_down_.insert(c);
    }
    auto it = nodes_.lower_bound(NodeKey{c, ""});
    for (; it != nodes_.end() && it->first.first == c; ++it)
      refresh(it->second, now);
  }
}

void Registry::restore(std::optional<ReducedBirth> birth, const StoredNodeState& stored,
                       Instant now) {
  const bool boot_bounded = stored.boot <= wire::kMaxCounter;
  const std::uint64_t boot = boot_bounded ? stored.boot : 0;
  std::optional<std::uint64_t> last_seq = stored.last_seq;
  if (!boot_bounded || (last_seq && *last_seq > wire::kMaxCounter)) last_seq.reset();
  wire::Header h;
  h.center = stored.center;
  h.node = stored.node;
  h.boot = boot;
  NodeRecord& r = record_for(h, now);
  const Instant last_seen = Instant::dated(stored.last_seen_ms, now);
  start_boot(r, boot, last_seen);
  r.last_seq = last_seq;
  SeqSet* seen = seen_set(r, boot);
  if (seen != nullptr && last_seq) seen->insert(*last_seq);
  r.interval_ms = stored.interval_ms;
  if (stored.last_data_ms) r.last_data = Instant::dated(*stored.last_data_ms, now);
  r.last_seen = last_seen;
  r.status_online = stored.status_online;
  if (birth) {
    if (r.interval_ms == 0) r.interval_ms = birth->interval_ms;
    set_inventory(r, std::move(birth->inventory), birth->identities, now);  // refreshes r
  } else {
    refresh(r, now);
  }
  r.timeline.forget_before(now.wall_ms);  // what it was while central was down is not known
}

}  // namespace suanli::central
