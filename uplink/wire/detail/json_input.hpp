#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "config/expected.hpp"
#include "uplink/wire/error.hpp"

namespace suanli::wire::detail {

// Parses a payload strictly: nesting is checked before the parser runs (too_deep), then the JSON
// must be valid, valid UTF-8, and repeat no key within one object (invalid_json). Never throws
// nlohmann's exceptions.
Expected<nlohmann::json, DecodeError> parse_payload(std::string_view payload);

}  // namespace suanli::wire::detail
