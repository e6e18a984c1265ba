#pragma once

#include <string>

#include "config/agent_config.hpp"

namespace suanli::config {

// docs/configuration.md: the key tables of both programs with the text around them.
std::string configuration_markdown(BackendSpecs backends);

}  // namespace suanli::config
