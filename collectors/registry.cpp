#include "collectors/registry.hpp"

namespace suanli::collectors {
namespace {

struct Registration {
  config::Enablement (*enabled)(const config::AgentConfig&);
  std::unique_ptr<DeviceBackend> (*make)(const config::AgentConfig&);
};

// A backend is one folder under collectors/ plus one line here.
constexpr Registration kRegistrations[] = {
#if SUANLI_WITH_NVML
    {[](const config::AgentConfig& c) { return c.nvml.enabled; }, make_nvml_backend},
#endif
#if SUANLI_WITH_AMD
    {[](const config::AgentConfig& c) { return c.amd.enabled; }, make_amd_backend},
#endif
#if SUANLI_WITH_ASCEND
    {[](const config::AgentConfig& c) { return c.ascend.enabled; }, make_ascend_backend},
#endif
#if SUANLI_WITH_CPU
    {[](const config::AgentConfig& c) { return c.cpu.enabled; }, make_cpu_backend},
#endif
#if SUANLI_WITH_SIM
    {[](const config::AgentConfig& c) { return c.sim.enabled; }, make_sim_backend},
#endif
};

}  // namespace

std::vector<BackendChoice> configured_backends(const config::AgentConfig& cfg) {
  std::vector<BackendChoice> out;
  for (const auto& r : kRegistrations) {
    config::Enablement enabled = r.enabled(cfg);
    if (enabled == config::Enablement::off) continue;
    out.push_back({r.make(cfg), enabled});
  }
  return out;
}

}  // namespace suanli::collectors
