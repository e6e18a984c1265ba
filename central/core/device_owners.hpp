#pragma once

// One device, one count: which node counts each device identity of the city (docs/indicator.md,
// "One device, one count"). Every node that reports an identity claims it; one of them holds it:
// - the first to claim it holds it;
// - a node that claims an identity held by an online node does not hold it (a duplicate);
// - a node that claims an identity whose holder is not online (stale, offline, retired) takes it
//   at once (a moved or renamed host), and the move is recorded;
// - when a holder stops being online, an online claimant takes its identities;
// - when a holder stops reporting an identity, another claimant (online first) takes it.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "central/core/node.hpp"

namespace suanli::central {

using Identities = std::set<std::string, std::less<>>;

class DeviceOwners {
 public:
  struct Move {
    NodeKey from;
    std::uint64_t at_ms = 0;
    bool operator==(const Move&) const = default;
  };
  // One identity's holder and claimants, as find() gives it (a copy).
  struct Holding {
    NodeKey holder;
    std::map<NodeKey, std::uint64_t> claimants;  // node -> when it claimed; the holder among them
    std::optional<Move> moved;  // the newest change of holder between two claimants
    bool operator==(const Holding&) const = default;
  };
  using IsOnline = std::function<bool(const NodeKey&)>;

  // `node` now reports exactly `identities`. Returns the nodes whose held_elsewhere changed.
  std::vector<NodeKey> claim(const NodeKey& node, const Identities& identities,
                             const IsOnline& online, std::uint64_t now_ms);
  // `node` became online (true) or stopped being online. Returns the nodes whose held_elsewhere
  // changed.
  std::vector<NodeKey> state_changed(const NodeKey& node, bool now_online, const IsOnline& online,
                                     std::uint64_t now_ms);

  // The identities `node` reports that another node holds.
  const Identities& held_elsewhere(const NodeKey& node) const;
  std::optional<Holding> find(std::string_view identity) const;
  // How many identities are claimed.
  std::size_t size() const { return slots_.size(); }
  // Identities claimed by more than one node, or whose holder changed.
  const Identities& contested() const { return contested_; }

 private:
  // A node is named by the key of its entry in claims_, which lives while the node claims
  // anything, so that each node's key is kept once however many identities it claims.
  struct Claim {
    const NodeKey* node;
    std::uint64_t since;  // when it claimed
  };
  struct Slot {
    const NodeKey* holder = nullptr;
    std::vector<Claim> claimants;  // ordered by node key; the holder among them
    std::unique_ptr<Move> moved;   // a copy: the node it moved from may claim nothing now
  };
  using Slots = std::map<std::string, Slot, std::less<>>;

  // Makes `to` the holder and records the move.
  static void move(Slot& s, const NodeKey* to, std::uint64_t now_ms, std::vector<NodeKey>& changed);
  void update_contested(const std::string& identity, const Slot& s);
  void note_held_elsewhere(const std::string& identity, const Slot& s);
  // Removes `identity` from what `node` reports but another holds; true when it was there.
  bool drop_held_elsewhere(const NodeKey& node, const std::string& identity);
  // Drops `node`'s claim on the identity at `it`, passing it on or forgetting the identity.
  void unclaim(Slots::iterator it, const NodeKey& node, const IsOnline& online,
               std::uint64_t now_ms, std::vector<NodeKey>& changed);

  Slots slots_;
  // By node, the identities it claims, ordered by identity.
  std::map<NodeKey, std::vector<Slots::iterator>> claims_;
  std::map<NodeKey, Identities> held_elsewhere_;  // by node; absent when empty
  Identities contested_;
};

}  // namespace suanli::central
