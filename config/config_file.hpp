#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/expected.hpp"

namespace suanli::config {

using Problems = std::vector<std::string>;

// Reads a whole file; the problem reads "FILE: cannot read: REASON".
Expected<std::string, Problems> read_text_file(const std::string& path);

// Reads and parses a JSON file. Problems read "FILE: cannot read: REASON" or
// "FILE:LINE:COLUMN: invalid JSON: WHAT".
Expected<nlohmann::json, Problems> read_json_file(const std::string& path);

// Parses JSON text; `origin` names it in the problem ("FILE:LINE:COLUMN: invalid JSON: ...").
Expected<nlohmann::json, Problems> parse_json_text(const std::string& text,
                                                   const std::string& origin);

}  // namespace suanli::config
