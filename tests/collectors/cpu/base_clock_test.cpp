// CPU peaks at the base (nominal) clock, the TOP500 Rpeak convention: cpufreq base_frequency,
// else the clock the model name states, else /proc/cpuinfo's cpu MHz; never the turbo maximum.
#include "collectors/cpu/base_clock.hpp"

#include <gtest/gtest.h>

#include "cpu_test_util.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors {
namespace {

using cpu_test::discover_root;
using cpu_test::peaks_of;
using cpu_test::write_file;

std::string cpuinfo(const std::string& model, const std::string& extra = "") {
  return "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\n"
         "model name\t: " +
         model + "\n" + extra + "flags\t\t: fpu sse avx fma avx2 avx512f avx512dq\n\n";
}

// Two sockets of `cores` cores, CPU n on socket n / cores; `cpufreq` files written per CPU.
void write_machine(const std::string& root, int cores, const std::string& cpuinfo_text,
                   const std::vector<std::pair<std::string, std::string>>& cpufreq) {
  const int cpus = 2 * cores;
  std::string stat = "cpu  10 0 10 100 0 0 0 0 0 0\n";
  for (int cpu = 0; cpu < cpus; ++cpu) {
    const std::string dir = "sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/";
    write_file(root, dir + "topology/physical_package_id", std::to_string(cpu / cores) + "\n");
    write_file(root, dir + "topology/core_id", std::to_string(cpu % cores) + "\n");
    for (const auto& [file, value] : cpufreq)
      write_file(root, dir + "cpufreq/" + file, value + "\n");
    stat += "cpu" + std::to_string(cpu) + " 1 0 1 10 0 0 0 0 0 0\n";
  }
  write_file(root, "sys/devices/system/cpu/online", "0-" + std::to_string(cpus - 1) + "\n");
  write_file(root, "proc/stat", stat);
  write_file(root, "proc/cpuinfo", cpuinfo_text);
}

// docs/protocol.md section 6: two Xeon Platinum 8480+ (56 cores, 2.0 GHz base, 3.8 GHz turbo)
// are 7.168 TFLOPS FP64, 112 cores x 2.0 GHz x 32 FLOP/cycle; the turbo would say 13.62.
TEST(CpuBaseClock, Xeon8480PlusTwoSocketsIsTheDocumentedRpeak) {
  test::TempDir root;
  write_machine(root.path(), 56,
                cpuinfo("Intel(R) Xeon(R) Platinum 8480+", "cpu MHz\t\t: 3800.000\n"),
                {{"base_frequency", "2000000"}, {"cpuinfo_max_freq", "3800000"}});
  const auto devices = discover_root(root.path());
  ASSERT_EQ(devices.size(), 2u);
  double fp64 = 0;
  double fp32 = 0;
  for (const DeviceInfo& d : devices) {
    EXPECT_EQ(d.units, 56u);
    EXPECT_EQ(d.max_clock_mhz, 3800.0);
    EXPECT_EQ(d.identity.clock_mhz, 2000.0);
    const PeakResolution peaks = peaks_of(d);
    EXPECT_EQ(peaks.source, PeakSource::derived);
    EXPECT_EQ(peaks.basis,
              "56 cores x 2000 MHz (base, cpufreq base_frequency) x 32 FLOP/cycle fp64 "
              "(x86_avx512_2fma rates)");
    fp64 += peaks.peak_tflops[Precision::fp64].value();
    fp32 += peaks.peak_tflops[Precision::fp32].value();
  }
  EXPECT_DOUBLE_EQ(fp64, 7.168);
  EXPECT_DOUBLE_EQ(fp32, 14.336);
}

TEST(CpuBaseClock, WithoutCpufreqTheModelNameClockBeatsCpuMhz) {
  test::TempDir root;
  write_machine(root.path(), 2,
                cpuinfo("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", "cpu MHz\t\t: 3999.000\n"),
                {});
  const auto devices = discover_root(root.path());
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].identity.clock_mhz, 3000.0);
  EXPECT_EQ(devices[0].identity.clock_basis, "base, model name");
}

TEST(CpuBaseClock, TheTurboMaximumAloneGivesNoPeak) {
  test::TempDir root;
  write_machine(root.path(), 2, cpuinfo("Some x86 server"), {{"cpuinfo_max_freq", "3800000"}});
  const auto devices = discover_root(root.path());
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].max_clock_mhz, 3800.0);
  EXPECT_FALSE(devices[0].identity.clock_mhz);
  const PeakResolution peaks = peaks_of(devices[0]);
  EXPECT_EQ(peaks.source, PeakSource::unknown);
  EXPECT_EQ(peaks.basis, "no catalog row and nothing to derive from (unknown: clock)");
  EXPECT_TRUE(peaks.unknown.contains(Precision::fp64));
  EXPECT_TRUE(peaks.unknown.contains(Precision::fp32));
  EXPECT_FALSE(peaks.unknown.contains(Precision::fp16)) << "x86 cores have no fp16 rate here";
}

TEST(CpuBaseClock, ClockInModelName) {
  using cpu::clock_in_model_name;
  EXPECT_EQ(clock_in_model_name("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz"), 3000.0);
  EXPECT_EQ(clock_in_model_name("Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz"), 2400.0);
  EXPECT_EQ(clock_in_model_name("Some CPU @ 800MHz"), 800.0);
  EXPECT_EQ(clock_in_model_name("Intel(R) Xeon(R) Platinum 8480+"), std::nullopt);
  EXPECT_EQ(clock_in_model_name("AMD EPYC 7763 64-Core Processor"), std::nullopt);
  EXPECT_EQ(clock_in_model_name("Odd @ fast"), std::nullopt);
  EXPECT_EQ(cpu::cpuinfo_mhz("model name\t: X\ncpu MHz\t\t: 2445.424\n"), 2445.424);
  EXPECT_EQ(cpu::cpuinfo_mhz("CPU part\t: 0xd4f\n"), std::nullopt);
}

}  // namespace
}  // namespace suanli::collectors
