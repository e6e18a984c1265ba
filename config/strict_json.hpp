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

// Which bytes of a JSON text, fed in order, belong to strings (their quotes included).
class JsonStringScan {
 public:
  bool in_string(char c) {
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      return true;
    }
    in_string_ = c == '"';
    return in_string_;
  }

 private:
  bool in_string_ = false;
  bool escaped_ = false;
};

// Whether `text` nests arrays and objects at most max_depth deep, counting the brackets outside
// strings: a check that needs no parser, so that a hostile document never reaches one.
bool json_within_depth(std::string_view text, std::size_t max_depth);

// Parses `text` strictly, for wire messages and config files alike. Never throws nlohmann's
// exceptions.
Expected<nlohmann::json, JsonProblem> parse_strict_json(std::string_view text,
                                                        std::size_t max_depth);

}  // namespace suanli
