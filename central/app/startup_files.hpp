#pragma once

// What central reads besides its config, before it starts: errors name the key (exit 2).

#include <optional>
#include <string>
#include <vector>

#include "central/http/server_tls.hpp"
#include "config/central_config.hpp"
#include "config/expected.hpp"
#include "config/ingest_tokens.hpp"

namespace suanli::central {

struct StartupFiles {
  std::vector<config::IngestToken> ingest_tokens;
  std::optional<http::ServerTls> tls;
};

Expected<StartupFiles, std::vector<std::string>> read_startup_files(
    const config::CentralConfig& cfg);

}  // namespace suanli::central
