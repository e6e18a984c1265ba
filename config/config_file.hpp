#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/expected.hpp"

namespace suanli::config {

using Problems = std::vector<std::string>;

// Deepest nesting a config file may have (the tables' own go four levels down).
inline constexpr std::size_t kMaxConfigDepth = 64;

// The most a file read whole may hold (configs, the catalog, token and certificate files).
inline constexpr std::size_t kMaxTextFileBytes = 16 * 1024 * 1024;

// Reads a whole file; the problem reads "FILE: cannot read: REASON". A directory, anything that
// is not a regular file (a FIFO, a device) and a file above kMaxTextFileBytes are refused unread.
Expected<std::string, Problems> read_text_file(const std::string& path);

// Reads and parses a JSON file. Problems read "FILE: cannot read: REASON" or
// "FILE:LINE:COLUMN: invalid JSON: WHAT".
Expected<nlohmann::json, Problems> read_json_file(const std::string& path);

// Parses JSON text strictly (parse_strict_json: no repeated keys, nesting at most
// kMaxConfigDepth); `origin` names it in the problem ("FILE:LINE:COLUMN: invalid JSON: ..."; the
// line and column where the parser stopped).
Expected<nlohmann::json, Problems> parse_json_text(const std::string& text,
                                                   const std::string& origin);

}  // namespace suanli::config
