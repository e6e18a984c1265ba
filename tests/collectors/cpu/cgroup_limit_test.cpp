#include "collectors/cgroup_limit.hpp"

#include <gtest/gtest.h>

#include "cpu_test_util.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors::cpu {
namespace {

using collectors::cgroup_cpu_limit;
using collectors::parse_cpu_max;
using cpu_test::write_file;

TEST(CpuCgroupLimit, ParsesCpuMax) {
  EXPECT_DOUBLE_EQ(*parse_cpu_max("250000 100000\n"), 2.5);
  EXPECT_DOUBLE_EQ(*parse_cpu_max("50000 100000"), 0.5);
  EXPECT_FALSE(parse_cpu_max("max 100000\n"));
  EXPECT_FALSE(parse_cpu_max("100000 0"));
  EXPECT_FALSE(parse_cpu_max("garbage"));
}

TEST(CpuCgroupLimit, TightestLimitOnTheOwnCgroupPath) {
  test::TempDir root;
  const std::string sys = root.path() + "/sys";
  const std::string proc = root.path() + "/proc";
  write_file(proc, "self/cgroup", "0::/kubepods.slice/pod1/ctr\n");
  write_file(sys, "fs/cgroup/kubepods.slice/pod1/ctr/cpu.max", "max 100000\n");
  write_file(sys, "fs/cgroup/kubepods.slice/pod1/cpu.max", "250000 100000\n");
  write_file(sys, "fs/cgroup/kubepods.slice/cpu.max", "400000 100000\n");
  EXPECT_DOUBLE_EQ(*cgroup_cpu_limit(sys, proc), 2.5);
}

TEST(CpuCgroupLimit, ContainerRootCgroup) {
  test::TempDir root;
  const std::string sys = root.path() + "/sys";
  const std::string proc = root.path() + "/proc";
  write_file(proc, "self/cgroup", "0::/\n");
  write_file(sys, "fs/cgroup/cpu.max", "150000 100000\n");
  EXPECT_DOUBLE_EQ(*cgroup_cpu_limit(sys, proc), 1.5);
}

TEST(CpuCgroupLimit, CgroupV1Quota) {
  test::TempDir root;
  const std::string sys = root.path() + "/sys";
  write_file(sys, "fs/cgroup/cpu/cpu.cfs_quota_us", "200000\n");
  write_file(sys, "fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
  EXPECT_DOUBLE_EQ(*cgroup_cpu_limit(sys, root.path() + "/proc"), 2.0);
  write_file(sys, "fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n");
  EXPECT_FALSE(cgroup_cpu_limit(sys, root.path() + "/proc"));
}

TEST(CpuCgroupLimit, NoCgroupFilesMeansUnlimited) {
  test::TempDir root;
  EXPECT_FALSE(cgroup_cpu_limit(root.path() + "/sys", root.path() + "/proc"));
}

}  // namespace
}  // namespace suanli::collectors::cpu
