#include "collectors/amd/gfx_target.hpp"

namespace suanli::collectors::amd {

std::optional<std::string> gfx_target_name(std::uint64_t version) {
  const std::uint64_t major = version / 10000;
  const std::uint64_t minor = version / 100 % 100;
  const std::uint64_t stepping = version % 100;
  if (major == 0 || minor > 15 || stepping > 15) return std::nullopt;
  constexpr char kHex[] = "0123456789abcdef";
  return "gfx" + std::to_string(major) + kHex[minor] + kHex[stepping];
}

std::optional<Arch> arch_from_gfx_target(std::uint64_t version) {
  if (version == 90400 || version == 90401) return Arch::amd_gfx942;
  const auto name = gfx_target_name(version);
  return name ? parse_arch(*name) : std::nullopt;
}

}  // namespace suanli::collectors::amd
