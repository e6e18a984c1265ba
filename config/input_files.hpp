#pragma once

// The files a config names that its program reads at start (keys whose rule has `input_file`):
// --check-config reads each, so a missing or unreadable one fails the check as it would fail the
// start.

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "config/schema.hpp"

namespace suanli::config {

// One line per file that cannot be read: "KEY: FILE: cannot read: REASON".
std::vector<std::string> unreadable_input_files(const nlohmann::json& doc,
                                                std::span<const KeyRule> rules);

}  // namespace suanli::config
