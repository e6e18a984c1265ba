#pragma once

#include "config/central_config.hpp"

namespace suanli::central {

// Runs suanli-central until SIGTERM or SIGINT: ingest from MQTT (and HTTP), the registry and
// indicator, the store, the HTTP API. Returns the process exit code.
int run_central(const config::CentralConfig& cfg);

}  // namespace suanli::central
