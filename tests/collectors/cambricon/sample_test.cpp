#include "tests/collectors/cambricon/fake_cndev.hpp"

namespace suanli::cambricon_test {
namespace {

using CambriconSample = CambriconTest;

TEST_F(CambriconSample, CoreUtilizationIsBusyTimeWithTheOtherReadings) {
  ASSERT_NO_FATAL_FAILURE(start("four_mlu370.json"));
  const Reading first = backend->sample(2);
  EXPECT_EQ(first.unhealthy, std::nullopt);
  EXPECT_EQ(first.method, Method::busy_time);
  EXPECT_DOUBLE_EQ(first.activity.value(), 0.4);
  EXPECT_EQ(first.memory_used_bytes, 4096 * kMiB);
  EXPECT_EQ(first.memory_total_bytes, 49152 * kMiB);
  EXPECT_EQ(first.power_w, 150.0);
  EXPECT_EQ(first.power_limit_w, 250.0);
  EXPECT_EQ(first.temperature_c, 55.0);  // the chip's, not the board's 48
  EXPECT_EQ(first.sm_clock_mhz, 1000.0);

  const Reading second = backend->sample(2);
  EXPECT_DOUBLE_EQ(second.activity.value(), 0.6);
  EXPECT_EQ(second.power_w, 180.0);
  EXPECT_FALSE(backend->needs_reopen());
}

TEST_F(CambriconSample, WithoutAChipSensorTheBoardTemperatureIsUsed) {
  ASSERT_NO_FATAL_FAILURE(start_text(R"({"devices": [{"board_c": 47, "utilization": 150}]})"));
  const Reading r = backend->sample(0);
  EXPECT_EQ(r.temperature_c, 47.0);
  EXPECT_EQ(r.activity, 1.0);  // clamped
  EXPECT_EQ(r.power_w, std::nullopt);
  EXPECT_EQ(r.memory_used_bytes, std::nullopt);
}

TEST_F(CambriconSample, ASickMluSaysWhyAndStillReports) {
  ASSERT_NO_FATAL_FAILURE(start_text(R"({
    "device_defaults": {"utilization": 30, "power_w": 100},
    "devices": [
      {"health": 1},
      {"health": 0, "device_state": 0},
      {"health": 0, "driver_state": 6},
      {"health": 0},
      {"health": [1, 0]}]})"));
  EXPECT_EQ(backend->sample(0).unhealthy, std::nullopt);
  const Reading in_problem = backend->sample(1);
  EXPECT_EQ(in_problem.unhealthy, "device_in_problem");
  EXPECT_DOUBLE_EQ(in_problem.activity.value(), 0.3);
  EXPECT_EQ(in_problem.power_w, 100.0);
  EXPECT_EQ(backend->sample(2).unhealthy, "driver_reset");
  EXPECT_EQ(backend->sample(3).unhealthy, "health_sick");
  EXPECT_EQ(backend->sample(4).unhealthy, std::nullopt);
  EXPECT_EQ(backend->sample(4).unhealthy, "health_sick");
  EXPECT_FALSE(backend->needs_reopen());
}

TEST_F(CambriconSample, AnIndexPastTheInventoryIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(start("four_mlu370.json"));
  EXPECT_EQ(backend->sample(4).unhealthy, "not_found");
}

}  // namespace
}  // namespace suanli::cambricon_test
