#include "collectors/registry.hpp"

namespace suanli::collectors {

// backend_list.inc is generated from SUANLI_BACKENDS: one SUANLI_BACKEND(name) per backend.
#define SUANLI_BACKEND(name) extern const BackendDescriptor name##_backend;
#include "collectors/backend_list.inc"
#undef SUANLI_BACKEND

namespace {

#define SUANLI_BACKEND(name) &name##_backend,
constexpr const BackendDescriptor* kBackends[] = {
#include "collectors/backend_list.inc"
};
#undef SUANLI_BACKEND

config::CollectorConfig own_config(const BackendDescriptor& d, const config::AgentConfig& cfg) {
  config::CollectorConfig own;
  own.enabled = d.spec.default_enabled;
  const auto found = cfg.collectors.find(d.spec.name);
  if (found != cfg.collectors.end()) own = found->second;
  return own;
}

}  // namespace

std::span<const BackendDescriptor* const> backend_descriptors() {
  return kBackends;
}

std::vector<config::BackendSpec> backend_specs() {
  std::vector<config::BackendSpec> specs;
  for (const BackendDescriptor* d : kBackends)
    specs.push_back(d->spec);
  return specs;
}

std::unique_ptr<DeviceBackend> make_backend(std::string_view name, const config::AgentConfig& cfg) {
  for (const BackendDescriptor* d : kBackends) {
    if (d->spec.name == name) return d->make(cfg, own_config(*d, cfg));
  }
  return nullptr;
}

std::vector<BackendChoice> configured_backends(const config::AgentConfig& cfg) {
  std::vector<BackendChoice> out;
  for (const BackendDescriptor* d : kBackends) {
    const config::CollectorConfig own = own_config(*d, cfg);
    if (own.enabled == config::Enablement::off) continue;
    out.push_back({d->spec.name, d->make(cfg, own), own.enabled, d->lists_unclaimed_only});
  }
  return out;
}

}  // namespace suanli::collectors
