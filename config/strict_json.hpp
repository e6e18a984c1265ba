#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "config/expected.hpp"

namespace suanli {

// Why a text is not acceptable JSON: nested deeper than allowed (checked before the parser runs,
// so a hostile document never reaches it), or invalid (syntax, a number out of range, bad UTF-8,
// a key repeated in one object). `byte` is the 0-based offset of the offending byte when known.
struct JsonProblem {
  bool too_deep = false;
  std::string detail{};
  std::optional<std::size_t> byte{};
};

// Parses `text` strictly, for wire messages and config files alike. Never throws nlohmann's
// exceptions.
Expected<nlohmann::json, JsonProblem> parse_strict_json(std::string_view text,
                                                        std::size_t max_depth);

}  // namespace suanli
