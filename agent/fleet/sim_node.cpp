#include "agent/fleet/sim_node.hpp"

#include <algorithm>

#include "agent/messages.hpp"
#include "agent/window.hpp"
#include "collectors/sim/sim_backend.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::fleet {

SimNode::SimNode(SimNodeSpec spec, const config::FleetConfig& cfg, std::uint64_t boot,
                 std::uint64_t start_ms)
    : spec_(std::move(spec)),
      interval_ms_(static_cast<std::uint64_t>(cfg.publish_interval_ms)),
      samples_per_window_(std::max<std::uint64_t>(
          1, static_cast<std::uint64_t>(cfg.publish_interval_ms / cfg.sample_interval_ms))),
      boot_(boot),
      window_start_ms_(start_ms) {
  config::AgentConfig agent;
  agent.center = spec_.center;
  agent.node = spec_.node;
  agent.district = spec_.district;
  agent.publish_interval_ms = cfg.publish_interval_ms;
  agent.sample_interval_ms = cfg.sample_interval_ms;
  birth_ = agent::make_birth(agent, header(start_ms), *spec_.inventory);
  birth_.host.hostname = spec_.node;
  for (auto& device : birth_.devices) {
    if (device.backend == "sim") {
      device.uuid = collectors::sim::device_uuid(spec_.center, spec_.node, device.id);
    }
  }
}

wire::Header SimNode::header(std::uint64_t now_ms) const {
  return {spec_.center, spec_.node, boot_, seq_, now_ms};
}

std::string SimNode::status_payload(bool online, std::uint64_t now_ms) const {
  wire::Status status;
  status.header = header(now_ms);
  status.online = online;
  return wire::encode(status);
}

std::string SimNode::birth_payload(std::uint64_t now_ms) const {
  wire::Birth birth = birth_;
  birth.header = header(now_ms);
  return wire::encode(birth);
}

std::string SimNode::next_window_payload(std::uint64_t now_ms) {
  const auto& inventory = *spec_.inventory;
  agent::WindowAccumulator window(inventory);
  std::vector<collectors::Reading> readings(inventory.size());
  for (std::uint64_t s = 0; s < samples_per_window_; ++s, ++sample_) {
    for (std::size_t d = 0; d < readings.size(); ++d) {
      if (inventory[d].device_class == DeviceClass::quantum) continue;  // healthy, no FLOPS
      bool cpu = inventory[d].device_class == DeviceClass::cpu;
      readings[d].method = cpu ? Method::cpu_time : Method::busy_time;
      readings[d].activity = collectors::sim::activity(spec_.seed, d, sample_);
      if (!cpu) {  // an accelerator draws simulated board power, as the sim backend's do
        const double limit_w =
            collectors::sim::power_limit_w(inventory[d].peak_tflops[Precision::fp16]);
        readings[d].power_limit_w = limit_w;
        readings[d].power_w = collectors::sim::power_draw_w(limit_w, *readings[d].activity);
      }
    }
    window.add(readings);
  }
  now_ms = std::max(now_ms, window_start_ms_);
  auto data = agent::make_data(header(now_ms), interval_ms_, {window_start_ms_, now_ms}, window,
                               inventory, {});
  window_start_ms_ = now_ms;
  ++seq_;
  return wire::encode(data);
}

}  // namespace suanli::fleet
