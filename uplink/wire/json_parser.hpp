#pragma once

// Strict JSON parsing for wire payloads and HTTP ingest batches, with simdjson: one pass over the
// text into simdjson's tape, no DOM of allocated nodes. It refuses what config/strict_json.hpp
// refuses, with the same too_deep verdict, and reads numbers as nlohmann does (see
// detail/json_numbers.hpp), so that a message means the same whichever parser reads it.

#include <simdjson.h>

#include <cstddef>
#include <memory>
#include <string_view>

#include "config/expected.hpp"
#include "uplink/wire/error.hpp"

namespace suanli::wire {

class JsonParser {
 public:
  explicit JsonParser(std::size_t max_depth);

  // The document, valid until this parser's next parse. too_deep: arrays and objects nested
  // deeper than max_depth (counted by brackets outside strings, whatever else is wrong);
  // invalid_json: not one JSON value, invalid UTF-8 (also escaped lone surrogates), a number
  // beyond a double's range, or a key repeated in one object. Never throws.
  Expected<simdjson::dom::element, DecodeError> parse(std::string_view text);

 private:
  simdjson::error_code parse_once(std::string_view text, simdjson::dom::element& root);
  simdjson::error_code reserve(std::size_t bytes);

  std::size_t max_depth_;
  simdjson::dom::parser parser_;
  std::unique_ptr<char[]> padded_;  // the text, copied with simdjson's padding after it
  std::size_t padded_capacity_ = 0;
};

}  // namespace suanli::wire
