#include "collectors/cpu/arm_model.hpp"

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {
namespace {

constexpr std::array<std::pair<std::uint64_t, std::string_view>, 10> kImplementers = {{
    {0x41, "Arm"},
    {0x42, "Broadcom"},
    {0x43, "Cavium"},
    {0x46, "Fujitsu"},
    {0x48, "HiSilicon"},
    {0x4e, "NVIDIA"},
    {0x51, "Qualcomm"},
    {0x61, "Apple"},
    {0x70, "Phytium"},
    {0xc0, "Ampere"},
}};

struct Part {
  std::uint64_t implementer;
  std::uint64_t part;
  std::string_view name;  // as util-linux lscpu names it
  std::optional<Arch> arch;
};

// collectors/catalog/README.md, "Per-unit rates"; a core without a rate there has no arch, so its
// peak stays unknown.
constexpr std::array<Part, 11> kParts = {{
    {0x41, 0xd08, "Cortex-A72", std::nullopt},
    {0x41, 0xd0c, "Neoverse-N1", Arch::cpu_arm_neon_2x128},
    {0x41, 0xd40, "Neoverse-V1", Arch::cpu_arm_sve_2x256},
    {0x41, 0xd49, "Neoverse-N2", Arch::cpu_arm_neon_2x128},  // 2 x 128-bit SVE2: N1's rate
    {0x41, 0xd4f, "Neoverse-V2", Arch::cpu_arm_sve2_4x128},
    {0x41, 0xd84, "Neoverse-V3", std::nullopt},
    {0x41, 0xd8e, "Neoverse-N3", std::nullopt},
    {0x46, 0x001, "A64FX", Arch::cpu_arm_a64fx},
    {0x48, 0xd01, "Kunpeng-920", std::nullopt},  // "not found; do not assume"
    {0xc0, 0xac3, "Ampere-1", std::nullopt},
    {0xc0, 0xac4, "Ampere-1a", std::nullopt},
}};

}  // namespace

CpuModel describe_arm(std::uint64_t implementer, std::uint64_t part) {
  CpuModel out;
  for (const auto& [id, vendor] : kImplementers) {
    if (id == implementer) out.vendor = std::string(vendor);
  }
  out.model = out.vendor + " 0x" + format_hex(implementer, 2) + ":0x" + format_hex(part, 3);
  for (const Part& p : kParts) {
    if (p.implementer != implementer || p.part != part) continue;
    out.model = std::string(p.name);
    out.arch = p.arch;
  }
  return out;
}

}  // namespace suanli::collectors::cpu
