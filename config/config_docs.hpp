#pragma once

#include <string>

namespace suanli::config {

// docs/configuration.md: the key tables of both programs with the text around them.
std::string configuration_markdown();

}  // namespace suanli::config
