#include "bench/central_memory/parts.hpp"

#include <map>
#include <optional>
#include <utility>
#include <variant>

#include "bench/central_memory/heap_meter.hpp"
#include "central/core/contribution.hpp"
#include "central/core/device_owners.hpp"
#include "central/core/inventory.hpp"
#include "central/core/node.hpp"
#include "central/core/seq_set.hpp"
#include "central/core/state_timeline.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::bench {

namespace {

using central::NodeKey;

template <class T>
T decoded(const std::string& topic, const std::string& payload) {
  auto m = wire::decode(topic, payload);
  if (!m || !std::holds_alternative<T>(*m)) throw std::runtime_error("decode: " + topic);
  return std::get<T>(std::move(*m));
}

// The heap bytes per node that `build(i)` leaves, for i in [0, nodes), less `inline_bytes` a node
// that the record holds in place (already counted with it).
template <class Keep, class Build>
double per_node(std::size_t nodes, std::size_t inline_bytes, Build build) {
  std::vector<Keep> kept;
  kept.reserve(nodes);
  const std::int64_t before = read_heap().heap_bytes;
  for (std::size_t i = 0; i < nodes; ++i)
    kept.push_back(build(i));
  const std::int64_t after = read_heap().heap_bytes;
  return static_cast<double>(after - before) / static_cast<double>(nodes) -
         static_cast<double>(inline_bytes);
}

}  // namespace

std::vector<PartBytes> measure_parts(const FleetMessages& fleet, std::size_t nodes) {
  std::vector<wire::Birth> births;
  std::vector<wire::Data> windows;
  for (std::size_t i = 0; i < nodes; ++i) {
    NodeMessages m = fleet.node(i, 1'700'000'000'000);
    births.push_back(decoded<wire::Birth>(m.birth_topic, m.birth));
    windows.push_back(decoded<wire::Data>(m.data_topic, m.data));
  }
  std::vector<PartBytes> parts;
  // A std::map node: the value, three pointers and a colour, in one malloc'd block.
  const std::size_t map_node = sizeof(std::pair<const NodeKey, central::NodeRecord>) + 32;
  parts.push_back({"node record", static_cast<double>(map_node),
                   "std::map<NodeKey, NodeRecord> node, in place (sizeof)"});
  using Kept = decltype(central::NodeRecord::contribution);  // as the registry keeps it
  parts.push_back({"  of which contribution", static_cast<double>(sizeof(Kept)),
                   "NodeRecord::contribution, in place (sizeof)"});
  {
    std::vector<central::Inventory> inventories;
    std::vector<central::WindowFigures> figures;
    for (std::size_t i = 0; i < nodes; ++i) {
      inventories.push_back(central::Inventory::of(births[i]));
      figures.push_back(central::WindowFigures::of(windows[i]));
    }
    parts.push_back({"contribution",
                     per_node<Kept>(nodes, sizeof(Kept),
                                    [&](std::size_t i) {
                                      return Kept(central::contribution_of({
                                          .inventory = &inventories[i],
                                          .window = &figures[i],
                                          .online = true,
                                      }));
                                    }),
                     "NodeRecord::contribution, beyond the record"});
  }
  parts.push_back({"inventory",
                   per_node<central::Inventory>(
                       nodes, sizeof(central::Inventory),
                       [&](std::size_t i) { return central::Inventory::of(births[i]); }),
                   "NodeRecord::inventory: its devices, beyond the record"});
  parts.push_back({"latest window",
                   per_node<central::WindowFigures>(
                       nodes, sizeof(central::WindowFigures),
                       [&](std::size_t i) { return central::WindowFigures::of(windows[i]); }),
                   "NodeRecord::latest: its healthy devices, beyond the record"});
  using Seen = std::map<std::uint64_t, central::SeqSet>;
  parts.push_back({"seen sequence numbers",
                   per_node<Seen>(nodes, sizeof(Seen),
                                  [&](std::size_t i) {
                                    Seen seen;
                                    seen[1].insert(i);
                                    return seen;
                                  }),
                   "NodeRecord::seen: one boot, one range"});
  parts.push_back({"state timeline",
                   per_node<central::StateTimeline>(nodes, sizeof(central::StateTimeline),
                                                    [&](std::size_t i) {
                                                      central::StateTimeline t;
                                                      t.start(i, central::NodeState::online);
                                                      return t;
                                                    }),
                   "NodeRecord::timeline: one state"});
  {
    std::vector<central::Inventory> inventories;
    for (const auto& b : births)
      inventories.push_back(central::Inventory::of(b));
    central::DeviceOwners owners;
    const auto online = [](const NodeKey&) { return true; };
    const std::int64_t before = read_heap().heap_bytes;
    for (std::size_t i = 0; i < nodes; ++i) {
      central::Identities ids;
      for (const auto& d : inventories[i].devices) {
        if (!d.slice && !d.identity.empty()) ids.insert(d.identity);
      }
      owners.claim({births[i].header.center, births[i].header.node}, ids, online, 0);
    }
    const std::int64_t after = read_heap().heap_bytes;
    parts.push_back({"device owners",
                     static_cast<double>(after - before) / static_cast<double>(nodes),
                     "Registry::owners(): each device identity's holder and claimants"});
  }
  return parts;
}

}  // namespace suanli::bench
