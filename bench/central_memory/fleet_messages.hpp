#pragma once

// The messages of a simulated fleet of N nodes of 8 x H100 SXM5 (agent/fleet): each node's birth
// and its first data window, encoded by the agent's own code (wire::encode), made one node at a
// time so that the fleet's payloads are never all held at once.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "agent/fleet/fleet_plan.hpp"

namespace suanli::bench {

inline constexpr const char* kCenter = "bench";

struct NodeMessages {
  std::string birth_topic;
  std::string birth;
  std::string data_topic;
  std::string data;
};

class FleetMessages {
 public:
  explicit FleetMessages(std::size_t nodes);
  std::size_t size() const { return specs_.size(); }
  // Node i's birth and first window, published at start_ms.
  NodeMessages node(std::size_t i, std::uint64_t start_ms) const;

 private:
  std::vector<fleet::SimNodeSpec> specs_;
};

}  // namespace suanli::bench
