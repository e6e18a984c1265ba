#pragma once

#include <cstdint>

#include "collectors/cpu/cpu_model.hpp"

namespace suanli::collectors::cpu {

// An aarch64 core from its MIDR fields ("CPU implementer" and "CPU part" in /proc/cpuinfo),
// always keyed on the pair: HiSilicon reuses Arm's part numbers (docs/vendor-apis.md, "CPUs:
// aarch64 models").
CpuModel describe_arm(std::uint64_t implementer, std::uint64_t part);

}  // namespace suanli::collectors::cpu
