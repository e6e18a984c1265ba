#pragma once

#include <string>

#include "collectors/registry.hpp"
#include "config/agent_config.hpp"

namespace suanli::agent::test_config {

// A node of center sz-aicc for the runtime's tests: a sample every 50 ms, a window every 300 ms,
// no rediscovery, and only `backend` enabled.
inline config::AgentConfig quick_node(const std::string& node, const std::string& backend,
                                      int call_timeout_ms) {
  config::AgentConfig cfg;
  cfg.center = "sz-aicc";
  cfg.node = node;
  cfg.sample_interval_ms = 50;
  cfg.publish_interval_ms = 300;
  cfg.discovery_interval_s = 3600;
  cfg.call_timeout_ms = call_timeout_ms;
  for (const auto& spec : collectors::backend_specs())
    cfg.collectors[std::string(spec.name)].enabled = config::Enablement::off;
  cfg.collectors[backend].enabled = config::Enablement::on;
  return cfg;
}

}  // namespace suanli::agent::test_config
