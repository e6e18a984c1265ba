#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "collectors/backend_descriptor.hpp"
#include "config/agent_config.hpp"

namespace suanli::collectors {

struct BackendChoice {
  std::string_view name;  // the descriptor's
  std::unique_ptr<DeviceBackend> backend;
  config::Enablement enabled;         // automatic: absent without complaint when open() fails
  bool lists_unclaimed_only = false;  // the descriptor's
};

// Every backend built into this binary (SUANLI_BACKENDS with its SUANLI_WITH_* option on), in
// that list's order.
std::span<const BackendDescriptor* const> backend_descriptors();

// Their config specs, for the agent's key table (config::load_agent_config).
std::vector<config::BackendSpec> backend_specs();

// The built-in backend `name` with its config, whether or not the config switches it on (for
// tools and tests); nullptr when no such backend is built in.
std::unique_ptr<DeviceBackend> make_backend(std::string_view name, const config::AgentConfig& cfg);

// The built-in backends that the config does not switch off, in order.
std::vector<BackendChoice> configured_backends(const config::AgentConfig& cfg);

}  // namespace suanli::collectors
