#include "agent/fleet/fleet_plan.hpp"

#include "agent/peak_catalog.hpp"
#include "collectors/catalog/arch.hpp"
#include "collectors/catalog/peaks.hpp"
#include "collectors/cpu/package_device.hpp"
#include "collectors/registry.hpp"

namespace suanli::fleet {
namespace {

using Problems = std::vector<std::string>;

std::uint64_t node_seed(std::uint64_t fleet_seed, std::uint64_t ordinal) {
  return fleet_seed ^ (ordinal * 0x9e3779b97f4a7c15ULL);
}

// A CPU package as the agent's CPU backend describes it; its peak is derived from the identity.
Expected<collectors::DeviceInfo> cpu_device(const config::FleetCpu& cpu, std::size_t package) {
  auto arch = parse_arch(cpu.arch);
  if (!arch || !is_cpu(*arch)) {
    return Expected<collectors::DeviceInfo>::failure("\"" + cpu.arch +
                                                     "\" is not a CPU architecture");
  }
  const collectors::cpu::CpuPackage simulated{
      .id = static_cast<int>(package),
      .cpus = {},
      .cores = cpu.cores,
      .max_clock_mhz = cpu.clock_mhz,
      .base_clock = collectors::cpu::BaseClock{cpu.clock_mhz, "fleet configuration clock_mhz"}};
  const collectors::cpu::CpuModel model{
      .vendor = cpu.vendor, .model = cpu.model, .arch = arch, .isa = collectors::cpu::Isa::unknown};
  return collectors::cpu::package_device(simulated, model);
}

// The devices of one group, as the sim backend discovers them, with their peaks.
Expected<std::vector<wire::Device>, Problems> group_inventory(const config::FleetNodeGroup& group,
                                                              const std::string& key,
                                                              const Catalog& catalog) {
  using Result = Expected<std::vector<wire::Device>, Problems>;
  config::AgentConfig agent;
  agent.collectors["sim"].enabled = config::Enablement::on;
  agent.sim.devices = group.devices;
  auto backend = collectors::make_backend("sim", agent);
  if (auto why = backend->open()) return Result::failure({key + ": sim backend: " + *why});
  auto found = backend->discover();
  if (!found) return Result::failure({key + ": sim backend: " + found.error()});
  std::vector<wire::Device> inventory;
  Problems problems;
  std::size_t index = 0;
  for (std::size_t e = 0; e < group.devices.size(); ++e) {
    for (int i = 0; i < group.devices[e].count; ++i, ++index) {
      inventory.push_back(agent::describe_device(catalog, found->at(index), "sim", {}));
      inventory.back().uuid.reset();  // each node's birth names its own (SimNode)
      if (i == 0 && inventory.back().peak_source == PeakSource::unknown) {
        problems.push_back(key + ".devices[" + std::to_string(e) + "].model: \"" +
                           group.devices[e].model + "\" is not in the catalog");
      }
    }
  }
  std::size_t package = 0;
  for (std::size_t e = 0; e < group.cpus.size(); ++e) {
    for (int i = 0; i < group.cpus[e].count; ++i, ++package) {
      auto cpu = cpu_device(group.cpus[e], package);
      if (!cpu) {
        problems.push_back(key + ".cpus[" + std::to_string(e) + "].arch: " + cpu.error());
        break;
      }
      inventory.push_back(agent::describe_device(catalog, *cpu, "cpu", {}));
    }
  }
  if (!group.declared.empty()) {
    config::AgentConfig with_declared;
    with_declared.declared = group.declared;  // no probes: healthy while the fleet runs
    auto declared = collectors::make_backend("declared", with_declared);
    if (declared && !declared->open()) {
      const auto found = declared->discover();
      for (const auto& device : found.value())
        inventory.push_back(agent::describe_device(catalog, device, "declared", {}));
    } else {
      problems.push_back(key + ".declared: this build has no declared backend");
    }
  }
  if (!problems.empty()) return Result::failure(std::move(problems));
  return inventory;
}

}  // namespace

Expected<std::vector<SimNodeSpec>, Problems> plan_fleet(const config::FleetConfig& cfg,
                                                        const Catalog& catalog) {
  std::vector<SimNodeSpec> nodes;
  Problems problems;
  for (std::size_t c = 0; c < cfg.centers.size(); ++c) {
    const auto& center = cfg.centers[c];
    for (std::size_t g = 0; g < center.nodes.size(); ++g) {
      const auto& group = center.nodes[g];
      std::string key = "centers[" + std::to_string(c) + "].nodes[" + std::to_string(g) + "]";
      auto inventory = group_inventory(group, key, catalog);
      if (!inventory) {
        problems.insert(problems.end(), inventory.error().begin(), inventory.error().end());
        continue;
      }
      auto shared = std::make_shared<const std::vector<wire::Device>>(std::move(*inventory));
      for (int i = 0; i < group.count; ++i) {
        nodes.push_back({center.id, config::fleet_node_id(group, i), center.district,
                         node_seed(cfg.seed, nodes.size()), shared});
      }
    }
  }
  if (!problems.empty()) {
    return Expected<std::vector<SimNodeSpec>, Problems>::failure(std::move(problems));
  }
  return nodes;
}

}  // namespace suanli::fleet
