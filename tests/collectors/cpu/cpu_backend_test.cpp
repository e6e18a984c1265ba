#include "collectors/cpu/cpu_backend.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "collectors/registry.hpp"
#include "cpu_test_util.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors::cpu {
namespace {

using cpu_test::fixture;
using cpu_test::write_file;

// x86-avx512 copied to a temporary root, so that proc/stat can change between samples.
class CpuSampling : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy(fixture("x86-avx512"), root_.path(),
                          std::filesystem::copy_options::recursive);
    ASSERT_FALSE(backend_.open());
    ASSERT_TRUE(backend_.discover());
  }

  // Every CPU of socket 0 (cpu0-3) gets `busy`, socket 1 (cpu4-7) `busy1`, with `idle` each.
  void write_stat(int busy0, int busy1, int idle) {
    std::string text = "cpu  0 0 0 0 0 0 0 0 0 0\n";
    for (int cpu = 0; cpu < 8; ++cpu) {
      text += "cpu" + std::to_string(cpu) + " " + std::to_string(cpu < 4 ? busy0 : busy1) +
              " 0 0 " + std::to_string(idle) + " 0 0 0 0 0 0\n";
    }
    write_file(root_.path(), "proc/stat", text);
  }

  test::TempDir root_;
  CpuBackend backend_{root_.path() + "/sys", root_.path() + "/proc"};
};

TEST_F(CpuSampling, FirstSampleIsTheDeltaSinceDiscover) {
  // The fixture's cpuN: user 1000*(N+1), system 500, idle 10000, iowait 10, softirq 5.
  write_stat(100000, 100000, 20000);
  const Reading r0 = backend_.sample(0);
  EXPECT_EQ(r0.method, Method::cpu_time);
  EXPECT_FALSE(r0.unhealthy);
  ASSERT_TRUE(r0.activity);
  EXPECT_GT(*r0.activity, 0.8);
  EXPECT_LE(*r0.activity, 1.0);
}

TEST_F(CpuSampling, EachPackageFromItsOwnCpusSinceItsLastSample) {
  write_stat(10000, 10000, 20000);
  backend_.sample(0);
  backend_.sample(1);
  write_stat(10300, 10000, 20100);  // socket 0: 300 busy of 400
  EXPECT_DOUBLE_EQ(*backend_.sample(0).activity, 0.75);
  write_stat(10300, 10100, 20200);
  EXPECT_DOUBLE_EQ(*backend_.sample(0).activity, 0.0);
  // Socket 1 was last sampled at the first write: 100 busy of 300 since.
  EXPECT_DOUBLE_EQ(*backend_.sample(1).activity, 1.0 / 3.0);
}

TEST_F(CpuSampling, CountersGoingBackResetAndReportNoActivity) {
  write_stat(10000, 10000, 20000);
  backend_.sample(0);
  write_stat(5000, 10000, 20100);
  const Reading reset = backend_.sample(0);
  EXPECT_EQ(reset.method, Method::cpu_time);
  EXPECT_FALSE(reset.activity);
  write_stat(5100, 10000, 20200);
  EXPECT_DOUBLE_EQ(*backend_.sample(0).activity, 0.5);
}

TEST_F(CpuSampling, UnknownIndexIsNotFound) {
  EXPECT_EQ(backend_.sample(2).unhealthy, "not_found");
  backend_.close();
  EXPECT_EQ(backend_.sample(0).unhealthy, "not_found");
}

TEST(CpuBackend, OpenFailsOnlyWithoutProcStat) {
  test::TempDir root;
  CpuBackend missing(root.path() + "/sys", root.path() + "/proc");
  const auto error = missing.open();
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("/proc/stat: cannot read"), std::string::npos);
  EXPECT_FALSE(missing.discover());

  write_file(root.path(), "proc/stat", "cpu  1 0 0 1\ncpu0 1 0 0 1\ncpu3 1 0 0 1\n");
  CpuBackend bare(root.path() + "/sys", root.path() + "/proc");
  EXPECT_FALSE(bare.open());
  const auto devices = bare.discover();  // no sysfs, no cpuinfo: CPUs from /proc/stat
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ(devices->at(0).units, 2u);
  EXPECT_EQ(devices->at(0).model, "unknown");
  EXPECT_FALSE(devices->at(0).identity.arch);
}

TEST(CpuBackend, FactoryReadsTheEnvironmentRoots) {
  const std::string root = fixture("neoverse-v2");
  ASSERT_EQ(setenv("SUANLI_SYSFS_ROOT", (root + "/sys").c_str(), 1), 0);
  ASSERT_EQ(setenv("SUANLI_PROCFS_ROOT", (root + "/proc").c_str(), 1), 0);
  auto backend = make_backend("cpu", config::AgentConfig{});
  unsetenv("SUANLI_SYSFS_ROOT");
  unsetenv("SUANLI_PROCFS_ROOT");
  ASSERT_FALSE(backend->open());
  const auto devices = backend->discover();
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ(devices->at(0).model, "Neoverse-V2");
  // The factory's backend claims the fixture's rate only in a program built for aarch64.
  EXPECT_EQ(devices->at(0).identity.arch.has_value(), program_isa() == Isa::aarch64);
}

// This host, without overrides: at least one package, sampled; the peak is not asserted (a VM
// may have no cpufreq).
TEST(CpuBackend, OpensOnThisHost) {
  unsetenv("SUANLI_SYSFS_ROOT");
  unsetenv("SUANLI_PROCFS_ROOT");
  auto backend = make_backend("cpu", config::AgentConfig{});
  ASSERT_FALSE(backend->open());
  const auto devices = backend->discover();
  ASSERT_TRUE(devices);
  ASSERT_GE(devices->size(), 1u);
  for (std::size_t i = 0; i < devices->size(); ++i) {
    EXPECT_GE(devices->at(i).units.value_or(0), 1u);
    const Reading r = backend->sample(i);
    EXPECT_FALSE(r.unhealthy);
    EXPECT_EQ(r.method, Method::cpu_time);
    if (r.activity) {
      EXPECT_GE(*r.activity, 0.0);
      EXPECT_LE(*r.activity, 1.0);
    }
  }
  backend->close();
}

}  // namespace
}  // namespace suanli::collectors::cpu
