#include <thread>

#include "tests/collectors/ascend/fake_dcmi.hpp"

namespace suanli::ascend_test {
namespace {

using AscendSample = AscendBackendTest;

TEST_F(AscendSample, AiCoreUtilizationIsTheActivity) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  // Card 0 answers 0, 25, 50, 100 % and then repeats its last value.
  for (double expected : {0.0, 0.25, 0.5, 1.0, 1.0}) {
    const Reading r = sample("npu-0-0");
    EXPECT_EQ(r.method, Method::busy_time);
    EXPECT_EQ(r.activity, expected);
  }
  EXPECT_EQ(sample("npu-7-0").activity, 0.73);
  EXPECT_EQ(sample("npu-3-0").activity, 0.0);
}

TEST_F(AscendSample, PowerTemperatureMemoryAndClockInTheirUnits) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  // Power comes in 0.1 W, HBM in MB. The HBM call of discover() was the fake's call 0, so the
  // first sample gets the second used_mb value.
  const Reading first = sample("npu-0-0");
  EXPECT_EQ(first.unhealthy, std::nullopt);
  EXPECT_DOUBLE_EQ(first.power_w.value(), 98.5);
  EXPECT_EQ(first.temperature_c, 41.0);
  EXPECT_EQ(first.memory_total_bytes, 65536 * kMiB);
  EXPECT_EQ(first.memory_used_bytes, 52428 * kMiB);
  EXPECT_EQ(first.sm_clock_mhz, 1650.0);
  EXPECT_EQ(first.power_limit_w, std::nullopt);

  const Reading second = sample("npu-0-0");
  EXPECT_DOUBLE_EQ(second.power_w.value(), 165.3);
  EXPECT_EQ(second.temperature_c, 47.0);

  const Reading other = sample("npu-4-0");
  EXPECT_DOUBLE_EQ(other.power_w.value(), 98.5);
  EXPECT_EQ(other.memory_used_bytes, 3276 * kMiB);
}

TEST_F(AscendSample, ChipsOfCardsWithGapsAreSampledByTheirOwnIds) {
  ASSERT_NO_FATAL_FAILURE(start("a3_gapped_cards.json"));
  EXPECT_EQ(sample("npu-5-1").activity, 0.66);
  EXPECT_EQ(sample("npu-5-0").activity, 0.10);
  EXPECT_EQ(sample("npu-7-1").activity, 0.10);
  EXPECT_DOUBLE_EQ(sample("npu-2-0").power_w.value(), 120.0);
}

TEST_F(AscendSample, DifferentChipsCanBeSampledConcurrently) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  std::vector<std::thread> threads;
  std::vector<int> healthy(devices.size(), 0);
  for (std::size_t i = 0; i < devices.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 50; ++n)
        healthy[i] += backend->sample(i).unhealthy ? 0 : 1;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(healthy, std::vector<int>(devices.size(), 50));
}

TEST_F(AscendSample, AnIndexOutsideTheInventoryIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  const Reading r = backend->sample(devices.size());
  EXPECT_EQ(r.unhealthy, "not_found");
  EXPECT_EQ(r.activity, std::nullopt);
  backend->close();
  EXPECT_EQ(backend->sample(0).unhealthy, "not_found");
}

}  // namespace
}  // namespace suanli::ascend_test
