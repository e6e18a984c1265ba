#pragma once

// Integers as nlohmann reads them, the reference for what a payload's numbers mean: an integer
// literal beyond 64 bits is a double (18446744073709551616, -9223372036854775809), and -0 is a
// signed 0, not an unsigned integer. simdjson refuses the first and reads the second as 0, so a
// text that may hold either is parsed again with each such integer written as a double (".0"
// appended), which simdjson reads as nlohmann does.

#include <optional>
#include <string>
#include <string_view>

namespace suanli::wire::detail {

// Whether `text` may hold the literal -0 (it may be inside a string: a cheap, conservative check).
bool may_hold_negative_zero(std::string_view text);

// `text` with ".0" after each integer literal outside strings that nlohmann reads as a double or
// as a signed 0; nullopt when there is none.
std::optional<std::string> with_nlohmann_integers(std::string_view text);

}  // namespace suanli::wire::detail
