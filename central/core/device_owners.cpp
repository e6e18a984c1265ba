#include "central/core/device_owners.hpp"

#include <algorithm>

namespace suanli::central {
namespace {

const Identities kNone;

// The claimant that should take an identity from `leaving`: an online one first, else the first.
std::optional<NodeKey> successor(const std::map<NodeKey, std::uint64_t>& claimants,
                                 const NodeKey& leaving, const DeviceOwners::IsOnline& online,
                                 bool online_only) {
  std::optional<NodeKey> first;
  for (const auto& [k, since] : claimants) {
    if (k == leaving) continue;
    if (online(k)) return k;
    if (!first) first = k;
  }
  return online_only ? std::nullopt : first;
}

void add_changed(std::vector<NodeKey>& changed, const NodeKey& k) {
  if (std::find(changed.begin(), changed.end(), k) == changed.end()) changed.push_back(k);
}

}  // namespace

const Identities& DeviceOwners::held_elsewhere(const NodeKey& node) const {
  auto it = held_elsewhere_.find(node);
  return it == held_elsewhere_.end() ? kNone : it->second;
}

const DeviceOwners::Holding* DeviceOwners::find(std::string_view identity) const {
  auto it = holdings_.find(identity);
  return it == holdings_.end() ? nullptr : &it->second;
}

void DeviceOwners::update_contested(const std::string& identity, const Holding& h) {
  if (h.claimants.size() > 1 || h.moved) {
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

void DeviceOwners::note_held_elsewhere(const std::string& identity, const Holding& h) {
  for (const auto& [k, since] : h.claimants) {
    if (k == h.holder) {
      drop_held_elsewhere(k, identity);
    } else {
      held_elsewhere_[k].insert(identity);
    }
  }
}

void DeviceOwners::move(Holding& h, const NodeKey& to, std::uint64_t now_ms,
                        std::vector<NodeKey>& changed) {
  h.moved = Move{h.holder, now_ms};
  add_changed(changed, h.holder);
  add_changed(changed, to);
  h.holder = to;
}

std::vector<NodeKey> DeviceOwners::claim(const NodeKey& node, const Identities& identities,
                                         const IsOnline& online, std::uint64_t now_ms) {
  std::vector<NodeKey> changed;
  std::vector<std::string_view>& mine = claims_[node];
  std::vector<std::string_view> kept;  // sorted, as mine is; the others' views dangle below
  for (std::string_view claimed : mine) {
    if (identities.contains(claimed)) {
      kept.push_back(claimed);
      continue;
    }
    auto hit = holdings_.find(claimed);
    Holding& h = hit->second;
    h.claimants.erase(node);
    if (drop_held_elsewhere(node, hit->first)) add_changed(changed, node);
    if (h.holder == node) {
      std::optional<NodeKey> next = successor(h.claimants, node, online, false);
      if (next) {
        move(h, *next, now_ms, changed);
        note_held_elsewhere(hit->first, h);
      }
    }
    if (h.claimants.empty()) {
      contested_.erase(hit->first);
      holdings_.erase(hit);
    } else {
      update_contested(hit->first, h);
    }
  }
  std::vector<std::string_view> now_mine;
  now_mine.reserve(identities.size());
  for (const std::string& identity : identities) {
    auto [hit, fresh] = holdings_.try_emplace(identity);
    now_mine.push_back(hit->first);
    if (std::binary_search(kept.begin(), kept.end(), std::string_view(identity))) continue;
    Holding& h = hit->second;
    h.claimants.emplace(node, now_ms);
    if (fresh) {
      h.holder = node;
    } else if (!online(h.holder)) {
      move(h, node, now_ms, changed);
    } else {
      add_changed(changed, node);
    }
    note_held_elsewhere(identity, h);
    update_contested(identity, h);
  }
  if (now_mine.empty()) {
    claims_.erase(node);
  } else {
    mine = std::move(now_mine);  // sorted: `identities` is
  }
  return changed;
}

std::vector<NodeKey> DeviceOwners::state_changed(const NodeKey& node, bool now_online,
                                                 const IsOnline& online, std::uint64_t now_ms) {
  std::vector<NodeKey> changed;
  auto mine = claims_.find(node);
  if (mine == claims_.end()) return changed;
  for (std::string_view claimed : mine->second) {
    auto hit = holdings_.find(claimed);
    const std::string& identity = hit->first;
    Holding& h = hit->second;
    std::optional<NodeKey> to;
    if (now_online && h.holder != node && !online(h.holder)) {
      to = node;
    } else if (!now_online && h.holder == node) {
      to = successor(h.claimants, node, online, true);
    }
    if (!to) continue;
    move(h, *to, now_ms, changed);
    note_held_elsewhere(identity, h);
    update_contested(identity, h);
  }
  return changed;
}

}  // namespace suanli::central
