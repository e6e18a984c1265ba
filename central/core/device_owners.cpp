#include "central/core/device_owners.hpp"

#include <algorithm>

namespace suanli::central {
namespace {

const Identities kNone;

void add_changed(std::vector<NodeKey>& changed, const NodeKey& k) {
  if (std::find(changed.begin(), changed.end(), k) == changed.end()) changed.push_back(k);
}

// The claimant that should take an identity from `leaving`: an online one first, else the first.
template <class Claims>
const NodeKey* successor(const Claims& claimants, const NodeKey* leaving,
                         const DeviceOwners::IsOnline& online, bool online_only) {
  const NodeKey* first = nullptr;
  for (const auto& c : claimants) {
    if (c.node == leaving) continue;
    if (online(*c.node)) return c.node;
    if (first == nullptr) first = c.node;
  }
  return online_only ? nullptr : first;
}

}  // namespace

const Identities& DeviceOwners::held_elsewhere(const NodeKey& node) const {
  auto it = held_elsewhere_.find(node);
  return it == held_elsewhere_.end() ? kNone : it->second;
}

std::optional<DeviceOwners::Holding> DeviceOwners::find(std::string_view identity) const {
  auto it = slots_.find(identity);
  if (it == slots_.end()) return std::nullopt;
  const Slot& s = it->second;
  Holding h{.holder = *s.holder, .claimants = {}, .moved = std::nullopt};
  for (const Claim& c : s.claimants)
    h.claimants.emplace(*c.node, c.since);
  if (s.moved) h.moved = *s.moved;
  return h;
}

void DeviceOwners::update_contested(const std::string& identity, const Slot& s) {
  if (s.claimants.size() > 1 || s.moved) {
    contested_.insert(identity);
  } else {
    contested_.erase(identity);
  }
}

bool DeviceOwners::drop_held_elsewhere(const NodeKey& node, const std::string& identity) {
  auto it = held_elsewhere_.find(node);
  if (it == held_elsewhere_.end() || it->second.erase(identity) == 0) return false;
  if (it->second.empty()) held_elsewhere_.erase(it);
  return true;
}

void DeviceOwners::note_held_elsewhere(const std::string& identity, const Slot& s) {
  for (const Claim& c : s.claimants) {
    if (c.node == s.holder) {
      drop_held_elsewhere(*c.node, identity);
    } else {
      held_elsewhere_[*c.node].insert(identity);
    }
  }
}

void DeviceOwners::move(Slot& s, const NodeKey* to, std::uint64_t now_ms,
                        std::vector<NodeKey>& changed) {
  s.moved = std::make_unique<Move>(Move{*s.holder, now_ms});
  add_changed(changed, *s.holder);
  add_changed(changed, *to);
  s.holder = to;
}

void DeviceOwners::unclaim(Slots::iterator it, const NodeKey& node, const IsOnline& online,
                           std::uint64_t now_ms, std::vector<NodeKey>& changed) {
  Slot& s = it->second;
  const NodeKey* me = nullptr;
  std::erase_if(s.claimants, [&](const Claim& c) {
    if (*c.node != node) return false;
    me = c.node;
    return true;
  });
  if (drop_held_elsewhere(node, it->first)) add_changed(changed, node);
  if (s.holder == me) {
    if (const NodeKey* next = successor(s.claimants, me, online, false)) {
      move(s, next, now_ms, changed);
      note_held_elsewhere(it->first, s);
    }
  }
  if (s.claimants.empty()) {
    contested_.erase(it->first);
    slots_.erase(it);
  } else {
    update_contested(it->first, s);
  }
}

std::vector<NodeKey> DeviceOwners::claim(const NodeKey& node, const Identities& identities,
                                         const IsOnline& online, std::uint64_t now_ms) {
  std::vector<NodeKey> changed;
  auto mine = claims_.try_emplace(node).first;
  const NodeKey* me = &mine->first;
  std::vector<Slots::iterator> kept;  // ordered, as the claims are; the others are erased below
  for (Slots::iterator claimed : mine->second) {
    if (identities.contains(claimed->first)) {
      kept.push_back(claimed);
    } else {
      unclaim(claimed, node, online, now_ms, changed);
    }
  }
  const auto by_identity = [](Slots::iterator a, std::string_view b) { return a->first < b; };
  std::vector<Slots::iterator> now_mine;
  now_mine.reserve(identities.size());
  for (const std::string& identity : identities) {
    auto [hit, fresh] = slots_.try_emplace(identity);
    now_mine.push_back(hit);
    auto k = std::lower_bound(kept.begin(), kept.end(), std::string_view(identity), by_identity);
    if (k != kept.end() && (*k)->first == identity) continue;
    Slot& s = hit->second;
    auto at = std::lower_bound(s.claimants.begin(), s.claimants.end(), node,
                               [](const Claim& c, const NodeKey& n) { return *c.node < n; });
    s.claimants.insert(at, Claim{me, now_ms});
    if (fresh) {
      s.holder = me;
    } else if (!online(*s.holder)) {
      move(s, me, now_ms, changed);
    } else {
      add_changed(changed, node);
    }
    note_held_elsewhere(identity, s);
    update_contested(identity, s);
  }
  if (now_mine.empty()) {
    claims_.erase(mine);
  } else {
    now_mine.shrink_to_fit();
    mine->second = std::move(now_mine);  // ordered: `identities` is
  }
  return changed;
}

std::vector<NodeKey> DeviceOwners::state_changed(const NodeKey& node, bool now_online,
                                                 const IsOnline& online, std::uint64_t now_ms) {
  std::vector<NodeKey> changed;
  auto mine = claims_.find(node);
  if (mine == claims_.end()) return changed;
  const NodeKey* me = &mine->first;
  for (Slots::iterator claimed : mine->second) {
    const std::string& identity = claimed->first;
    Slot& s = claimed->second;
    const NodeKey* to = nullptr;
    if (now_online && s.holder != me && !online(*s.holder)) {
      to = me;
    } else if (!now_online && s.holder == me) {
      to = successor(s.claimants, me, online, true);
    }
    if (to == nullptr) continue;
    move(s, to, now_ms, changed);
    note_held_elsewhere(identity, s);
    update_contested(identity, s);
  }
  return changed;
}

}  // namespace suanli::central
