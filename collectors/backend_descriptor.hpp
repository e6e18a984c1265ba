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
  // A backend of last resort (collectors/pci): a device it finds is dropped when a device of
  // another backend has the same PCI bus address, and its peaks stay unknown whatever the
  // catalog knows of its PCI id, since no vendor library measures it.
  bool lists_unclaimed_only = false;
};

}  // namespace suanli::collectors
