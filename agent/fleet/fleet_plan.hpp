#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "collectors/catalog/catalog.hpp"
#include "config/expected.hpp"
#include "config/fleet_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::fleet {

// One simulated node: its ids, its seed and its inventory (shared by the nodes of a group).
struct SimNodeSpec {
  std::string center;
  std::string node;
  std::optional<std::string> district;
  std::uint64_t seed = 0;
  std::shared_ptr<const std::vector<wire::Device>> inventory;
};

// Every node of the config, centers and groups in order. Each group's devices are discovered
// once through the sim backend and described with the catalog's peaks, as the agent does; a
// model the catalog does not know is a problem naming its key.
Expected<std::vector<SimNodeSpec>, std::vector<std::string>> plan_fleet(
    const config::FleetConfig& cfg, const Catalog& catalog);

}  // namespace suanli::fleet
