#include "collectors/cpu/topology.hpp"

#include <gtest/gtest.h>

#include "cpu_test_util.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors::cpu {
namespace {

using cpu_test::write_file;

void add_cpu(const std::string& sys, int cpu, int package, int core) {
  const std::string dir = "devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
  write_file(sys, dir + "physical_package_id", std::to_string(package) + "\n");
  write_file(sys, dir + "core_id", std::to_string(core) + "\n");
}

TEST(CpuTopology, SmtSiblingsCountOnceAsCores) {
  test::TempDir root;
  // One socket, 2 cores x 2 threads: cpu0/cpu2 share core 0, cpu1/cpu3 core 1.
  for (int cpu = 0; cpu < 4; ++cpu)
    add_cpu(root.path(), cpu, 0, cpu % 2);
  write_file(root.path(), "devices/system/cpu/online", "0-3\n");
  const auto online = read_online_cpus(root.path());
  ASSERT_EQ(online, (std::vector<int>{0, 1, 2, 3}));
  const auto packages = read_packages(root.path(), *online);
  ASSERT_EQ(packages.size(), 1u);
  EXPECT_EQ(packages[0].cpus.size(), 4u);
  EXPECT_EQ(packages[0].cores, 2);
  EXPECT_FALSE(packages[0].max_clock_mhz);
}

TEST(CpuTopology, CoresOnDifferentDiesAreDistinct) {
  test::TempDir root;
  for (int cpu = 0; cpu < 2; ++cpu) {
    add_cpu(root.path(), cpu, 0, 0);
    write_file(root.path(), "devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/die_id",
               std::to_string(cpu) + "\n");
  }
  EXPECT_EQ(read_packages(root.path(), {0, 1}).at(0).cores, 2);
}

TEST(CpuTopology, OfflineCpusAndTheirCoresAreNotCounted) {
  test::TempDir root;
  for (int cpu = 0; cpu < 4; ++cpu)
    add_cpu(root.path(), cpu, cpu / 2, cpu % 2);
  const auto packages = read_packages(root.path(), {0, 1, 2});
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[1].id, 1);
  EXPECT_EQ(packages[1].cpus, std::vector<int>{2});
  EXPECT_EQ(packages[1].cores, 1);
}

TEST(CpuTopology, UnknownPackageIdMakesOnePackage) {
  test::TempDir root;
  add_cpu(root.path(), 0, -1, 0);  // arm64 without firmware topology tables
  add_cpu(root.path(), 1, -1, 1);
  const auto packages = read_packages(root.path(), {0, 1});
  ASSERT_EQ(packages.size(), 1u);
  EXPECT_EQ(packages[0].id, 0);
  EXPECT_EQ(packages[0].cores, 2);
}

TEST(CpuTopology, MaxClockIsTheHighestCpufreqInKhz) {
  test::TempDir root;
  write_file(root.path(), "devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "2600000\n");
  write_file(root.path(), "devices/system/cpu/cpu1/cpufreq/cpuinfo_max_freq", "3100000\n");
  const auto packages = read_packages(root.path(), {0, 1});
  ASSERT_EQ(packages.size(), 1u);
  EXPECT_EQ(packages[0].cores, 2);  // no topology: logical CPUs
  EXPECT_DOUBLE_EQ(*packages[0].max_clock_mhz, 3100.0);
}

}  // namespace
}  // namespace suanli::collectors::cpu
