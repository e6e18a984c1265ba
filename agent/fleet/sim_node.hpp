#pragma once

#include <cstdint>
#include <string>

#include "agent/fleet/fleet_plan.hpp"
#include "config/fleet_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::fleet {

// One simulated node: the agent's birth, and its data windows built by the agent's
// WindowAccumulator and totals from the sim backend's deterministic activity (method busy_time,
// cpu_time for CPU packages). A window holds
// publish_interval_ms / sample_interval_ms samples, computed when the window closes (the
// activity depends only on the seed, the device and the sample number).
class SimNode {
 public:
  SimNode(SimNodeSpec spec, const config::FleetConfig& cfg, std::uint64_t boot,
          std::uint64_t start_ms);

  const std::string& center() const { return spec_.center; }
  const std::string& node() const { return spec_.node; }
  std::uint64_t windows() const { return seq_; }

  // status and birth carry the boot and the seq of the next window, as the agent's do.
  std::string status_payload(bool online, std::uint64_t now_ms) const;
  std::string birth_payload(std::uint64_t now_ms) const;

  // The next data window, [end of the previous one, now_ms]; seq counts from 0.
  std::string next_window_payload(std::uint64_t now_ms);

 private:
  wire::Header header(std::uint64_t now_ms) const;

  SimNodeSpec spec_;
  std::uint64_t interval_ms_;
  std::uint64_t samples_per_window_;
  std::uint64_t boot_;
  std::uint64_t seq_ = 0;
  std::uint64_t sample_ = 0;
  std::uint64_t window_start_ms_;
  wire::Birth birth_;
};

}  // namespace suanli::fleet
