#pragma once

#include <simdjson.h>

#include <string_view>

#include "config/expected.hpp"
#include "uplink/wire/error.hpp"

namespace suanli::wire::detail {

// Parses a payload strictly (uplink/wire/json_parser.hpp) with this thread's parser, which it
// reuses: the document is valid until the thread's next parse_payload. A payload must also be
// non-empty and start without a byte order mark (invalid_json). Never throws.
Expected<simdjson::dom::element, DecodeError> parse_payload(std::string_view payload);

}  // namespace suanli::wire::detail
