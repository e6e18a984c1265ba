#pragma once

// The parts of a request target: path and query string, with percent-decoding.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::http {

struct TargetParts {
  std::string_view path;
  std::string_view query;  // after '?', empty when there is none
};

TargetParts split_target(std::string_view target);

// %XX escapes decoded; '+' becomes a space when `plus_is_space` (query strings). nullopt on a
// malformed escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// "a=1&b=x%20y&c" → {a: "1", b: "x y", c: ""}; the last of repeated names wins. nullopt on a
// malformed escape.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query);

}  // namespace suanli::http
