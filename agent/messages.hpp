#pragma once

#include <cstdint>
#include <vector>

#include "agent/uplink.hpp"
#include "agent/window.hpp"
#include "agent/window_clock.hpp"
#include "config/agent_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {

std::uint64_t now_ms();

// The birth message of this node: host, inventory with peaks, totals.
wire::Birth make_birth(const config::AgentConfig& cfg, const wire::Header& header,
                       const std::vector<wire::Device>& inventory);

// The data message of a closed window dated `span`.
wire::Data make_data(const wire::Header& header, std::uint64_t interval_ms, WindowSpan span,
                     const WindowAccumulator& window, const std::vector<wire::Device>& inventory,
                     const UplinkStats& stats);

}  // namespace suanli::agent
