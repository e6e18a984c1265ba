#include "collectors/cpu/x86_model.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kVendors = {{
    {"GenuineIntel", "Intel"},
    {"AuthenticAMD", "AMD"},
    {"HygonGenuine", "Hygon"},
    {"CentaurHauls", "Zhaoxin"},
    {"  Shanghai  ", "Zhaoxin"},
}};

std::string vendor_name(std::string_view vendor_id) {
  for (const auto& [id, name] : kVendors) {
    if (trim(id) == vendor_id) return std::string(name);
  }
  return vendor_id.empty() ? "unknown" : std::string(vendor_id);
}

bool has_flag(std::string_view flags, std::string_view flag) {
  const auto all = split(flags, ' ');
  return std::find(all.begin(), all.end(), flag) != all.end();
}

std::optional<Arch> x86_arch(std::string_view vendor_id, std::uint64_t family, std::uint64_t model,
                             std::string_view flags) {
  const bool avx2_fma = has_flag(flags, "avx2") && has_flag(flags, "fma");
  const bool amd = vendor_id == "AuthenticAMD";
  // Zen 1 / Zen+ (family 0x17 below model 0x30) split 256-bit AVX2 over 2 x 128-bit FMA pipes.
  // Hygon Dhyana is Zen 1 based; collectors/catalog/README.md ("Per-unit rates") marks both rates
  // and that mapping unverified.
  if (avx2_fma && ((amd && family == 0x17 && model < 0x30) ||
                   (vendor_id == "HygonGenuine" && family == 0x18))) {
    return Arch::cpu_x86_zen1;
  }
  // Zen 3 and Zen 4 (family 0x19): Zen 4's AVX-512 runs on the 256-bit pipes.
  if (avx2_fma && amd && family == 0x19) return Arch::cpu_x86_avx2_fma;
  // Assumes two 512-bit FMA units: Xeon Silver/Bronze SKUs with one have half this rate.
  if (has_flag(flags, "avx512f")) return Arch::cpu_x86_avx512_2fma;
  if (avx2_fma) return Arch::cpu_x86_avx2_fma;
  return std::nullopt;
}

}  // namespace

CpuModel describe_x86(std::string_view cpuinfo) {
  const std::string_view vendor_id = find_field(cpuinfo, "vendor_id", ':').value_or("");
  const auto family = parse_u64(find_field(cpuinfo, "cpu family", ':').value_or(""));
  const auto model = parse_u64(find_field(cpuinfo, "model", ':').value_or(""));
  CpuModel out;
  out.vendor = vendor_name(vendor_id);
  if (auto name = find_field(cpuinfo, "model name", ':')) out.model = std::string(*name);
  out.arch = x86_arch(vendor_id, family.value_or(0), model.value_or(0),
                      find_field(cpuinfo, "flags", ':').value_or(""));
  return out;
}

}  // namespace suanli::collectors::cpu
