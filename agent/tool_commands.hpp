#pragma once

#include <memory>
#include <ostream>

#include "collectors/catalog/catalog.hpp"
#include "config/agent_config.hpp"

namespace suanli::agent {

// --list-devices: prints this node's birth message (inventory with peaks) as JSON.
int list_devices(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
                 std::ostream& out);

// --once: samples for a short window (2 s) and prints one data message as JSON.
int run_once(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
             std::ostream& out);

}  // namespace suanli::agent
