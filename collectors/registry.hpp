#pragma once

#include <memory>
#include <vector>

#include "collectors/device_backend.hpp"
#include "config/agent_config.hpp"

namespace suanli::collectors {

struct BackendChoice {
  std::unique_ptr<DeviceBackend> backend;
  config::Enablement enabled;  // automatic: absent without complaint when open() fails
};

// Every backend built into this binary (CMake options SUANLI_WITH_*) that the config does not
// switch off, in a fixed order: nvml, amd, ascend, cpu, sim.
std::vector<BackendChoice> configured_backends(const config::AgentConfig& cfg);

// One factory per backend folder; each is defined in its folder.
std::unique_ptr<DeviceBackend> make_nvml_backend(const config::AgentConfig& cfg);
std::unique_ptr<DeviceBackend> make_amd_backend(const config::AgentConfig& cfg);
std::unique_ptr<DeviceBackend> make_ascend_backend(const config::AgentConfig& cfg);
std::unique_ptr<DeviceBackend> make_cpu_backend(const config::AgentConfig& cfg);
std::unique_ptr<DeviceBackend> make_sim_backend(const config::AgentConfig& cfg);

}  // namespace suanli::collectors
