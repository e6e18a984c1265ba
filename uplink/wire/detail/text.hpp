#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace suanli::wire::detail {

// Number of Unicode code points in valid UTF-8 (the parser has already rejected invalid UTF-8).
std::size_t count_chars(std::string_view utf8);

// For quoting untrusted text in error messages: printable ASCII only (other bytes become '?'),
// cut to at most max_bytes with "..." appended.
std::string printable(std::string_view text, std::size_t max_bytes = 64);

}  // namespace suanli::wire::detail
