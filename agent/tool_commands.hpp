#pragma once

#include <ostream>

#include "config/agent_config.hpp"

namespace suanli::agent {

// --list-devices: prints this node's birth message (inventory with peaks) as JSON.
int list_devices(const config::AgentConfig& cfg, std::ostream& out);

// --once: samples for one sample interval and prints one data message as JSON.
int run_once(const config::AgentConfig& cfg, std::ostream& out);

// The long-running agent.
int run_service(const config::AgentConfig& cfg);

}  // namespace suanli::agent
