#pragma once

#include "collectors/catalog/catalog.hpp"
#include "config/agent_config.hpp"
#include "config/expected.hpp"

namespace suanli::agent {

// The built-in catalog, or the file named by catalog.path; the error names that key.
Expected<Catalog> load_catalog(const config::AgentConfig& cfg);

}  // namespace suanli::agent
