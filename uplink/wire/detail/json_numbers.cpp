#include "uplink/wire/detail/json_numbers.hpp"

#include <cstdint>
#include <limits>

#include "config/strict_json.hpp"

namespace suanli::wire::detail {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool ends_a_number(char c) {
  return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether the digits (no sign, no leading zero) exceed `limit`.
bool exceeds(std::string_view digits, std::uint64_t limit) {
  std::uint64_t value = 0;
  for (const char c : digits) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (limit - digit) / 10) return true;
    value = value * 10 + digit;
  }
  return false;
}

// An integer literal, sign included, that nlohmann does not read as an int64 or a uint64 (or
// reads as the signed 0). A malformed literal is left to the parser.
bool read_as_double(std::string_view literal) {
  const bool negative = literal.starts_with('-');
  const std::string_view digits = literal.substr(negative ? 1 : 0);
  if (digits.empty()) return false;
  if (digits[0] == '0') return negative && digits.size() == 1;
  constexpr auto kMinInt64Magnitude =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
  return exceeds(digits, negative ? kMinInt64Magnitude : std::numeric_limits<std::uint64_t>::max());
}

// The end of the number token starting at `at`: digits, signs, points and exponents.
std::size_t number_end(std::string_view text, std::size_t at) {
  while (at < text.size() && (is_digit(text[at]) || text[at] == '.' || text[at] == 'e' ||
                              text[at] == 'E' || text[at] == '+' || text[at] == '-')) {
    ++at;
  }
  return at;
}

}  // namespace

bool may_hold_negative_zero(std::string_view text) {
  for (auto at = text.find("-0"); at != text.npos; at = text.find("-0", at + 2)) {
    if (at + 2 == text.size() || ends_a_number(text[at + 2])) return true;
  }
  return false;
}

std::optional<std::string> with_nlohmann_integers(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  JsonStringScan scan;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (scan.in_string(c) || (c != '-' && !is_digit(c))) {
      ++i;
      continue;
    }
    std::size_t digits_end = i + 1;
    while (digits_end < text.size() && is_digit(text[digits_end]))
      ++digits_end;
    const std::size_t end = number_end(text, i + 1);
    if (end == digits_end && read_as_double(text.substr(i, end - i))) {
      out.append(text, copied, end - copied);
      out += ".0";
      copied = end;
    }
    i = end;
  }
  if (copied == 0) return std::nullopt;
  out.append(text, copied);
  return out;
}

}  // namespace suanli::wire::detail
