// The inventories and peaks of the CPU fixture trees (tests/fixtures/cpu/), end to end through
// the catalog's resolve_peaks as the agent calls it.
#include <gtest/gtest.h>

#include "cpu_test_util.hpp"

namespace suanli::collectors {
namespace {

using cpu_test::discover_root;
using cpu_test::fixture;
using cpu_test::peaks_of;

TEST(CpuFixtures, X86Avx512TwoSockets) {
  const auto devices = discover_root(fixture("x86-avx512"));
  ASSERT_EQ(devices.size(), 2u);
  for (int socket = 0; socket < 2; ++socket) {
    const DeviceInfo& d = devices[socket];
    EXPECT_EQ(d.id, "cpu-" + std::to_string(socket));
    EXPECT_EQ(d.device_class, DeviceClass::cpu);
    EXPECT_EQ(d.vendor, "Intel");
    EXPECT_EQ(d.model, "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz");
    EXPECT_EQ(d.units, 4u);
    EXPECT_EQ(d.max_clock_mhz, 3000.0);
    EXPECT_EQ(d.identity.arch, Arch::cpu_x86_avx512_2fma);
    // 4 cores x 32 FP64 FLOP/cycle x 3.0 GHz = 0.384 TFLOPS per socket; no base_frequency in
    // sysfs, so the clock the model name states.
    EXPECT_EQ(d.identity.clock_mhz, 3000.0);
    const PeakResolution peaks = peaks_of(d);
    EXPECT_EQ(peaks.source, PeakSource::derived);
    EXPECT_EQ(peaks.basis,
              "4 cores x 3000 MHz (base, model name) x 32 FLOP/cycle fp64 (x86_avx512_2fma rates)");
    EXPECT_EQ(peaks.confidence, PeakConfidence::medium);
    EXPECT_NEAR(*peaks.peak_tflops[Precision::fp64], 0.384, 1e-9);
    EXPECT_NEAR(*peaks.peak_tflops[Precision::fp32], 0.768, 1e-9);
    EXPECT_FALSE(peaks.peak_tflops[Precision::fp16]);
  }
}

TEST(CpuFixtures, X86VmWithoutCpufreqDerivesAtCpuinfoMhz) {
  const auto devices = discover_root(fixture("x86-vm"));
  ASSERT_EQ(devices.size(), 1u);  // no topology: one device for all online CPUs
  const DeviceInfo& d = devices[0];
  EXPECT_EQ(d.id, "cpu-0");
  EXPECT_EQ(d.vendor, "AMD");
  EXPECT_EQ(d.model, "AMD EPYC 7763 64-Core Processor");
  EXPECT_EQ(d.units, 2u);
  EXPECT_EQ(d.identity.arch, Arch::cpu_x86_avx2_fma);
  EXPECT_FALSE(d.max_clock_mhz);  // `cpu MHz` is never used as the max clock
  // No cpufreq and no clock in the model name: the hypervisor's nominal `cpu MHz`.
  // 2 cores x 16 FP64 FLOP/cycle x 2445.424 MHz.
  const PeakResolution peaks = peaks_of(d);
  EXPECT_EQ(peaks.source, PeakSource::derived);
  EXPECT_DOUBLE_EQ(*peaks.peak_tflops[Precision::fp64], 2 * 16 * 2445.424 / 1e6);
  EXPECT_EQ(peaks.basis,
            "2 cores x 2445.42 MHz (base, /proc/cpuinfo cpu MHz) x 16 FLOP/cycle fp64 "
            "(x86_avx2_fma rates)");
}

TEST(CpuFixtures, Kunpeng920HasNoKnownRateSoUnknownPeak) {
  const auto devices = discover_root(fixture("kunpeng920"));
  ASSERT_EQ(devices.size(), 1u);
  const DeviceInfo& d = devices[0];
  EXPECT_EQ(d.vendor, "HiSilicon");
  EXPECT_EQ(d.model, "Kunpeng-920");
  EXPECT_EQ(d.units, 4u);
  EXPECT_EQ(d.max_clock_mhz, 2600.0);
  EXPECT_FALSE(d.identity.arch);  // catalog README, "Per-unit rates": no rate
  EXPECT_EQ(peaks_of(d).source, PeakSource::unknown);
}

TEST(CpuFixtures, NeoverseV2PeakDerived) {
  const auto devices = discover_root(fixture("neoverse-v2"));
  ASSERT_EQ(devices.size(), 1u);
  const DeviceInfo& d = devices[0];
  EXPECT_EQ(d.id, "cpu-0");
  EXPECT_EQ(d.vendor, "Arm");
  EXPECT_EQ(d.model, "Neoverse-V2");
  EXPECT_EQ(d.units, 4u);
  EXPECT_EQ(d.max_clock_mhz, 3100.0);
  EXPECT_EQ(d.identity.arch, Arch::cpu_arm_sve2_4x128);
  // 4 cores x 16 FP64 FLOP/cycle x 3.0 GHz (ACPI CPPC nominal, not the 3.1 GHz maximum).
  const PeakResolution peaks = peaks_of(d);
  EXPECT_EQ(peaks.source, PeakSource::derived);
  EXPECT_NEAR(*peaks.peak_tflops[Precision::fp64], 0.192, 1e-9);
  EXPECT_NEAR(*peaks.peak_tflops[Precision::fp32], 0.384, 1e-9);
}

TEST(CpuFixtures, OperatorOverrideByModelName) {
  const auto devices = discover_root(fixture("kunpeng920"));
  ASSERT_EQ(devices.size(), 1u);
  PrecisionMap fp64;
  fp64[Precision::fp64] = 0.5;
  const PeakResolution peaks =
      resolve_peaks(Catalog::builtin().value(), devices[0].identity, {{"kunpeng-920", fp64}});
  EXPECT_EQ(peaks.source, PeakSource::config);
  EXPECT_EQ(peaks.peak_tflops[Precision::fp64], 0.5);
}

}  // namespace
}  // namespace suanli::collectors
