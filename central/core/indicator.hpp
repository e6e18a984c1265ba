#pragma once

// The indicator's running totals: the city, each center and each district. They change only by
// moving one node's contribution out and back in, never by a rescan of the fleet.

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "central/core/contribution.hpp"
#include "central/core/node.hpp"

namespace suanli::central {

struct Aggregate {
  Contribution contribution;
  std::array<std::int64_t, kNodeStateCount> nodes{};  // by NodeState

  std::int64_t nodes_in(NodeState s) const { return nodes[static_cast<std::size_t>(s)]; }
  std::int64_t node_count() const;
  bool operator==(const Aggregate&) const = default;
};

// What the indicator holds of one node.
struct NodePart {
  const std::string& center;
  const std::string& district;
  NodeState state;
  const Contribution& contribution;
};

class Indicator {
 public:
  void add(const NodePart& part);
  void remove(const NodePart& part);

  const Aggregate& city() const { return city_; }
  // Only centers and districts with at least one node (of any state) are present.
  const std::map<std::string, Aggregate>& centers() const { return centers_; }
  const std::map<std::string, Aggregate>& districts() const { return districts_; }

  bool operator==(const Indicator&) const = default;

 private:
  Aggregate city_;
  std::map<std::string, Aggregate> centers_;
  std::map<std::string, Aggregate> districts_;
};

}  // namespace suanli::central
