#include "collectors/cpu/proc_stat.hpp"

#include <gtest/gtest.h>

#include "collectors/cpu/cpu_list.hpp"

namespace suanli::collectors::cpu {
namespace {

TEST(CpuList, ParsesRangesAndSingles) {
  EXPECT_EQ(parse_cpu_list("0-3,8,10-11\n"), (std::vector<int>{0, 1, 2, 3, 8, 10, 11}));
  EXPECT_EQ(parse_cpu_list("0"), std::vector<int>{0});
  EXPECT_EQ(parse_cpu_list(""), std::vector<int>{});
  EXPECT_FALSE(parse_cpu_list("3-1"));
  EXPECT_FALSE(parse_cpu_list("a-b"));
}

TEST(CpuProcStat, BusyExcludesIdleIowaitAndGuest) {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const auto stat = parse_proc_stat(
      "cpu  99 0 0 0 0 0 0 0 0 0\n"
      "cpu0 10 1 2 100 5 3 4 6 50 50\n"
      "cpu1 1 2 3 4\n"
      "intr 1 2 3\n");
  ASSERT_EQ(stat.size(), 2u);
  EXPECT_EQ(stat.at(0).busy, 10u + 1 + 2 + 3 + 4 + 6);
  EXPECT_EQ(stat.at(0).idle, 105u);
  EXPECT_EQ(stat.at(1).busy, 6u);  // Linux 2.4 printed four columns
  EXPECT_EQ(stat.at(1).idle, 4u);
}

TEST(CpuProcStat, BusyFractionOverCpusInBothSnapshots) {
  const std::map<int, CpuTimes> before{{0, {100, 100}}, {1, {0, 0}}};
  const std::map<int, CpuTimes> after{{0, {130, 170}}, {1, {30, 70}}, {2, {1000, 0}}};
  EXPECT_DOUBLE_EQ(*busy_fraction(before, after), 60.0 / 200.0);
}

TEST(CpuProcStat, NoElapsedTimeOrCountersGoingBackIsAbsent) {
  const std::map<int, CpuTimes> before{{0, {100, 100}}};
  EXPECT_FALSE(busy_fraction(before, before));
  EXPECT_FALSE(busy_fraction(before, {{0, {150, 90}}}));  // iowait jumped back
  EXPECT_FALSE(busy_fraction(before, {{0, {90, 200}}}));
  EXPECT_FALSE(busy_fraction(before, {}));
}

}  // namespace
}  // namespace suanli::collectors::cpu
