#pragma once

#include <optional>
#include <string_view>

namespace suanli {

// Architectures whose per-unit peak rates are known (collectors/catalog/README.md, "Per-unit
// rates"). A unit is an SM (NVIDIA), a CU (AMD), an AI core (Ascend) or a core (CPU, all sockets
// together).
enum class Arch {
  nvidia_sm70,   // Volta GV100
  nvidia_sm75,   // Turing
  nvidia_sm80,   // Ampere GA100
  nvidia_sm86,   // Ampere GA10x
  nvidia_sm89,   // Ada (FP32-accumulate tensor rates)
  nvidia_sm90,   // Hopper
  nvidia_sm100,  // Blackwell
  amd_gfx908,    // CDNA1
  amd_gfx90a,    // CDNA2
  amd_gfx942,    // CDNA3
  ascend_davinci,
  cpu_x86_avx512_2fma,  // 2 x 512-bit FMA
  cpu_x86_avx2_fma,     // 2 x 256-bit FMA
  cpu_x86_zen1,         // 2 x 128-bit FMA
  cpu_arm_neon_2x128,   // Neoverse N1 / N2
  cpu_arm_sve_2x256,    // Neoverse V1
  cpu_arm_sve2_4x128,   // Neoverse V2
  cpu_arm_a64fx,        // 2 x 512-bit SVE
};

// "sm_90", "gfx90a", "ascend_davinci", "x86_avx512_2fma", ...
std::string_view to_string(Arch arch);

// Accepts to_string's names in any case; a gfx target may carry features ("gfx90a:xnack-").
std::optional<Arch> parse_arch(std::string_view text);

// The architecture a catalog row's free-text arch names by one of to_string's tokens
// ("Hopper GH100 (sm_90)" -> nvidia_sm90, "CDNA2 gfx90a" -> amd_gfx90a); nullopt for none.
std::optional<Arch> arch_in_text(std::string_view text);

// CUDA compute capability (9, 0) -> nvidia_sm90; capabilities without known rates -> nullopt.
std::optional<Arch> arch_from_compute_capability(int major, int minor);

bool is_cpu(Arch arch);

}  // namespace suanli
