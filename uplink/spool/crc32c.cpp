#include "uplink/spool/crc32c.hpp"

#include <array>

namespace suanli::spool {
namespace {

constexpr std::array<std::uint32_t, 256> make_crc32c_table() {
  constexpr std::uint32_t kReflectedPolynomial = 0x82F63B78u;
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit)
      c = (c & 1u) ? (c >> 1) ^ kReflectedPolynomial : c >> 1;
    table[i] = c;
  }
  return table;
}

constexpr auto kCrc32cTable = make_crc32c_table();

}  // namespace

std::uint32_t crc32c(std::string_view data, std::uint32_t crc) {
  crc = ~crc;
  for (unsigned char byte : data)
    crc = kCrc32cTable[(crc ^ byte) & 0xffu] ^ (crc >> 8);
  return ~crc;
}

}  // namespace suanli::spool
