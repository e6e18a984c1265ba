#pragma once

#include <vector>

#include "agent/fleet/fleet_plan.hpp"
#include "config/fleet_config.hpp"

namespace suanli::fleet {

// Runs the fleet until every node has published stop_after_windows windows, or until SIGTERM or
// SIGINT (the handler only sets a flag); then every node's status goes offline. Each node's
// boot is the start time in Unix seconds, so a later start has a higher boot. Writes one line
// to standard error at exit: nodes, windows published, acknowledged, failed, elapsed, rate.
// Returns the exit status.
int run_fleet(const config::FleetConfig& cfg, std::vector<SimNodeSpec> nodes);

}  // namespace suanli::fleet
