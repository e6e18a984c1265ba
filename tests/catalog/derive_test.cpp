#include "collectors/catalog/derive.hpp"

#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

DeviceIdentity part(std::string name, Arch arch, int units, double clock_mhz) {
  DeviceIdentity id = by_name(std::move(name), units);
  id.arch = arch;
  id.clock_mhz = clock_mhz;
  return id;
}

double stated(const std::string& model, Precision p) {
  return row_named(model).tflops[p].value();
}

TEST(CatalogDerive, HopperPartNotInCatalogLandsNearH100) {
  const auto arch = arch_from_compute_capability(9, 0);
  ASSERT_EQ(arch, Arch::nvidia_sm90);
  const PeakResolution got = resolve(part("Hopper Engineering Sample", *arch, 132, 1980));
  EXPECT_EQ(got.source, PeakSource::derived);
  EXPECT_EQ(got.catalog_model, std::nullopt);
  for (Precision p : {Precision::fp16, Precision::fp32}) {
    const double want = stated("H100 SXM5 80GB", p);
    ASSERT_TRUE(got.peak_tflops[p].has_value()) << to_string(p);
    EXPECT_NEAR(*got.peak_tflops[p], want, 0.10 * want) << to_string(p);
  }
}

TEST(CatalogDerive, Mi300xLikePartMatchesRocmFigure) {
  const PeakResolution got = resolve(part("CDNA3 part", Arch::amd_gfx942, 304, 2100));
  EXPECT_EQ(got.source, PeakSource::derived);
  EXPECT_NEAR(got.peak_tflops[Precision::fp16].value(), 1307.4, 0.05);
}

TEST(CatalogDerive, CpuFlopsPerCycleByIsa) {
  const PrecisionMap peaks = derive_peak_tflops(Arch::cpu_x86_avx512_2fma, 64, 2000);
  EXPECT_DOUBLE_EQ(peaks[Precision::fp64].value(), 64 * 32 * 2.0e9 / 1e12);
  EXPECT_DOUBLE_EQ(peaks[Precision::fp32].value(), 64 * 64 * 2.0e9 / 1e12);
  EXPECT_FALSE(peaks[Precision::fp16].has_value());
  const std::pair<Arch, double> fp64_per_cycle[] = {
      {Arch::cpu_x86_avx2_fma, 16},  {Arch::cpu_x86_zen1, 8},        {Arch::cpu_arm_neon_2x128, 8},
      {Arch::cpu_arm_sve_2x256, 16}, {Arch::cpu_arm_sve2_4x128, 16}, {Arch::cpu_arm_a64fx, 32}};
  for (const auto& [arch, flop] : fp64_per_cycle) {
    const PrecisionMap rates = flop_per_clock_per_unit(arch);
    EXPECT_EQ(rates[Precision::fp64], flop) << to_string(arch);
    EXPECT_EQ(rates[Precision::fp32], 2 * flop) << to_string(arch);
    EXPECT_TRUE(is_cpu(arch));
  }
}

TEST(CatalogDerive, RatesReproduceCatalogRows) {
  struct Case {
    const char* model;
    Arch arch;
    Precision precision;
    double tolerance;  // vendor tensor peaks use a lower clock than the boost clock
  };
  const Case cases[] = {
      {"A100 SXM4 80GB", Arch::nvidia_sm80, Precision::fp16, 0.01},
      {"A40 48GB", Arch::nvidia_sm86, Precision::fp16, 0.01},
      {"GeForce RTX 4090 24GB", Arch::nvidia_sm89, Precision::fp16, 0.01},
      {"V100 SXM2 16GB/32GB", Arch::nvidia_sm70, Precision::fp16, 0.01},
      {"T4 16GB", Arch::nvidia_sm75, Precision::fp16, 0.01},
      {"Instinct MI250X (per GCD, as enumerated)", Arch::amd_gfx90a, Precision::fp64, 0.01},
      {"Instinct MI100 (PCIe 32GB)", Arch::amd_gfx908, Precision::fp16, 0.01},
  };
  for (const Case& c : cases) {
    const CatalogRow& row = row_named(c.model);
    const PrecisionMap got = derive_peak_tflops(c.arch, row.units.value(), row.boost_mhz.value());
    const double want = stated(c.model, c.precision);
    EXPECT_NEAR(got[c.precision].value(), want, c.tolerance * want) << c.model;
  }
}

TEST(CatalogDerive, AscendPerAiCore) {
  const PrecisionMap peaks = derive_peak_tflops(Arch::ascend_davinci, 32, 1000);
  EXPECT_DOUBLE_EQ(peaks[Precision::fp16].value(), 32 * 8192 * 1.0e9 / 1e12);
  EXPECT_DOUBLE_EQ(peaks[Precision::int8].value(), 2 * peaks[Precision::fp16].value());
}

TEST(CatalogDerive, NothingWithoutUnitsOrClock) {
  EXPECT_TRUE(derive_peak_tflops(Arch::nvidia_sm90, 0, 1980).empty());
  EXPECT_TRUE(derive_peak_tflops(Arch::nvidia_sm90, 132, 0).empty());
  DeviceIdentity no_units = by_name("Hopper Engineering Sample");
  no_units.arch = Arch::nvidia_sm90;
  no_units.clock_mhz = 1980;
  EXPECT_EQ(resolve(no_units).source, PeakSource::unknown);
  DeviceIdentity no_clock = by_name("Ascend engineering sample", 20);
  no_clock.arch = Arch::ascend_davinci;  // no catalog row states this silicon's rate per core
  const PeakResolution got = resolve(no_clock);
  EXPECT_EQ(got.source, PeakSource::unknown);
  EXPECT_EQ(got.basis, "no catalog row and nothing to derive from (unknown: clock)");
  EXPECT_TRUE(got.unknown.contains(Precision::fp16));
  EXPECT_FALSE(got.unknown.contains(Precision::fp64)) << "Da Vinci has no fp64 rate";
}

TEST(CatalogDerive, ArchNames) {
  for (int a = 0; a <= static_cast<int>(Arch::cpu_arm_a64fx); ++a) {
    const auto arch = static_cast<Arch>(a);
    EXPECT_EQ(parse_arch(to_string(arch)), arch) << to_string(arch);
    EXPECT_FALSE(flop_per_clock_per_unit(arch).empty()) << to_string(arch);
  }
  EXPECT_EQ(parse_arch("GFX90A:sramecc+:xnack-"), Arch::amd_gfx90a);
  EXPECT_EQ(parse_arch("sm_91"), std::nullopt);
  EXPECT_EQ(arch_from_compute_capability(10, 0), Arch::nvidia_sm100);
  EXPECT_EQ(arch_from_compute_capability(8, 9), Arch::nvidia_sm89);
  EXPECT_EQ(arch_from_compute_capability(8, 7), std::nullopt);
  EXPECT_EQ(arch_from_compute_capability(9, 10), std::nullopt);
  EXPECT_FALSE(is_cpu(Arch::ascend_davinci));
}

}  // namespace
}  // namespace suanli::catalog_test
