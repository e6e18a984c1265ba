#pragma once

#include <memory>

#include "collectors/device_backend.hpp"
#include "config/agent_config.hpp"

namespace suanli::collectors {

// Everything the agent knows of a backend lives in its folder, in one of these: the name it is
// configured by (collectors.<name>) and reported under (the wire's `backend`), its config keys,
// and how to make it. The folder defines `const BackendDescriptor <name>_backend` and its name is
// listed in SUANLI_BACKENDS (CMakeLists.txt); nothing else names it.
struct BackendDescriptor {
  config::BackendSpec spec;
  std::unique_ptr<DeviceBackend> (*make)(const config::AgentConfig& cfg,
                                         const config::CollectorConfig& own);
};

}  // namespace suanli::collectors
