#include "collectors/catalog/derive.hpp"

#include <array>

namespace suanli {
namespace {

// collectors/catalog/README.md, "Per-unit rates". Columns in Precision order; 0 = no such rate.
struct Rates {
  Arch arch;
  std::array<double, kPrecisionCount> flop_per_clock;
};

// clang-format off
constexpr std::array<Rates, 18> kRates = {{
    //                          fp64  fp64_t fp32  tf32  fp16  bf16  fp8    int8
    {Arch::nvidia_sm70,         {64,  0,     128,  0,    1024, 0,    0,     0}},
    {Arch::nvidia_sm75,         {4,   0,     128,  0,    1024, 0,    0,     2048}},
    {Arch::nvidia_sm80,         {64,  128,   128,  1024, 2048, 2048, 0,     4096}},
    {Arch::nvidia_sm86,         {4,   0,     256,  512,  1024, 1024, 0,     2048}},
    {Arch::nvidia_sm89,         {4,   0,     256,  256,  512,  512,  1024,  2048}},
    {Arch::nvidia_sm90,         {128, 256,   256,  2048, 4096, 4096, 8192,  8192}},
    {Arch::nvidia_sm100,        {128, 128,   256,  4096, 8192, 8192, 16384, 16384}},
    {Arch::amd_gfx908,          {64,  64,    128,  0,    1024, 512,  0,     1024}},
    {Arch::amd_gfx90a,          {128, 256,   128,  0,    1024, 1024, 0,     1024}},
    {Arch::amd_gfx942,          {128, 256,   256,  1024, 2048, 2048, 4096,  4096}},
    {Arch::ascend_davinci,      {0,   0,     0,    0,    8192, 0,    0,     16384}},
    {Arch::cpu_x86_avx512_2fma, {32,  0,     64,   0,    0,    0,    0,     0}},
    {Arch::cpu_x86_avx2_fma,    {16,  0,     32,   0,    0,    0,    0,     0}},
    {Arch::cpu_x86_zen1,        {8,   0,     16,   0,    0,    0,    0,     0}},
    {Arch::cpu_arm_neon_2x128,  {8,   0,     16,   0,    0,    0,    0,     0}},
    {Arch::cpu_arm_sve_2x256,   {16,  0,     32,   0,    0,    0,    0,     0}},
    {Arch::cpu_arm_sve2_4x128,  {16,  0,     32,   0,    0,    0,    0,     0}},
    {Arch::cpu_arm_a64fx,       {32,  0,     64,   0,    0,    0,    0,     0}},
}};
// clang-format on

}  // namespace

PrecisionMap flop_per_clock_per_unit(Arch arch) {
  PrecisionMap out;
  for (const auto& row : kRates) {
    if (row.arch != arch) continue;
    for (Precision p : kAllPrecisions) {
      const double rate = row.flop_per_clock[static_cast<std::size_t>(p)];
      if (rate > 0) out[p] = rate;
    }
  }
  return out;
}

PrecisionMap derive_peak_tflops(Arch arch, int units, double clock_mhz) {
  PrecisionMap out;
  if (units <= 0 || !(clock_mhz > 0)) return out;
  const PrecisionMap rates = flop_per_clock_per_unit(arch);
  for (Precision p : kAllPrecisions) {
    if (rates[p]) out[p] = units * *rates[p] * clock_mhz / 1e6;
  }
  return out;
}

}  // namespace suanli
