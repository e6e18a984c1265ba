#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "collectors/catalog/arch.hpp"

namespace suanli::collectors::amd {

// KFD's gfx_target_version (major * 10000 + minor * 100 + stepping) as an LLVM target name:
// 90010 -> "gfx90a", 90402 -> "gfx942", 100100 -> "gfx1010". Nullopt for 0 (a CPU node).
std::optional<std::string> gfx_target_name(std::uint64_t version);

// The architecture whose per-CU rates apply (collectors/catalog/README.md, "Per-unit rates").
// gfx940 (MI300A) and gfx941 (early MI300X) are CDNA3 like gfx942, as the kernel reported them
// before merging all three.
std::optional<Arch> arch_from_gfx_target(std::uint64_t version);

}  // namespace suanli::collectors::amd
