#include "uplink/wire/detail/text.hpp"

namespace suanli::wire::detail {

std::size_t count_chars(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (const char c : text.substr(0, max_bytes)) {
    out.push_back(c >= 0x20 && c < 0x7F ? c : '?');
  }
  if (text.size() > max_bytes) out += "...";
  return out;
}

}  // namespace suanli::wire::detail
