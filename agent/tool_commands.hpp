#pragma once

#include <chrono>
#include <memory>
#include <ostream>

#include "collectors/catalog/catalog.hpp"
#include "config/agent_config.hpp"

namespace suanli::agent {

// --list-devices: prints this node's birth message (inventory with peaks) as JSON.
int list_devices(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
                 std::ostream& out);

// --once: samples for one window of `length` (by default kOnceWindow) and prints its data
// message as JSON.
inline constexpr std::chrono::milliseconds kOnceWindow{2000};
int run_once(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
             std::ostream& out, std::chrono::milliseconds length);

}  // namespace suanli::agent
