#include "collectors/catalog/arch.hpp"

#include <array>
#include <string>
#include <utility>

#include "collectors/catalog/text.hpp"

namespace suanli {
namespace {

constexpr std::array<std::pair<Arch, std::string_view>, 18> kNames = {{
    {Arch::nvidia_sm70, "sm_70"},
    {Arch::nvidia_sm75, "sm_75"},
    {Arch::nvidia_sm80, "sm_80"},
    {Arch::nvidia_sm86, "sm_86"},
    {Arch::nvidia_sm89, "sm_89"},
    {Arch::nvidia_sm90, "sm_90"},
    {Arch::nvidia_sm100, "sm_100"},
    {Arch::amd_gfx908, "gfx908"},
    {Arch::amd_gfx90a, "gfx90a"},
    {Arch::amd_gfx942, "gfx942"},
    {Arch::ascend_davinci, "ascend_davinci"},
    {Arch::cpu_x86_avx512_2fma, "x86_avx512_2fma"},
    {Arch::cpu_x86_avx2_fma, "x86_avx2_fma"},
    {Arch::cpu_x86_zen1, "x86_zen1_2x128"},
    {Arch::cpu_arm_neon_2x128, "arm_neon_2x128"},
    {Arch::cpu_arm_sve_2x256, "arm_sve_2x256"},
    {Arch::cpu_arm_sve2_4x128, "arm_sve2_4x128"},
    {Arch::cpu_arm_a64fx, "arm_a64fx_2x512"},
}};

}  // namespace

std::string_view to_string(Arch arch) {
  for (const auto& [a, name] : kNames) {
    if (a == arch) return name;
  }
  return "unknown";
}

std::optional<Arch> parse_arch(std::string_view text) {
  if (catalog_text::lower(text).starts_with("gfx")) text = text.substr(0, text.find(':'));
  for (const auto& [a, name] : kNames) {
    if (catalog_text::iequals(name, text)) return a;
  }
  return std::nullopt;
}

std::optional<Arch> arch_in_text(std::string_view text) {
  const auto word_char = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && word_char(text[end]))
      ++end;
    if (end > start) {
      if (auto arch = parse_arch(text.substr(start, end - start))) return arch;
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<Arch> arch_from_compute_capability(int major, int minor) {
  if (major < 0 || minor < 0 || minor > 9) return std::nullopt;
  return parse_arch("sm_" + std::to_string(major * 10 + minor));
}

bool is_cpu(Arch arch) {
  return arch >= Arch::cpu_x86_avx512_2fma;
}

}  // namespace suanli
