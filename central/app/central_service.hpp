#pragma once

#include <string>
#include <vector>

#include "config/central_config.hpp"

namespace suanli::central {

// Runs suanli-central until SIGTERM or SIGINT: ingest from MQTT (and HTTP), the registry and
// indicator, the store, the HTTP API. Returns the process exit code.
int run_central(const config::CentralConfig& cfg);

// For --check-config: what the start would find wrong with the files it reads besides the config
// (the ingest tokens' format, a TLS key that does not match its certificate), one line each.
std::vector<std::string> startup_file_problems(const config::CentralConfig& cfg);

}  // namespace suanli::central
