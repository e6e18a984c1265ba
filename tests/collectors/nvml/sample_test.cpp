#include <gtest/gtest.h>

#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using NvmlSample = NvmlTest;

json with_gpm(json scenario, const json& gpm) {
  for (auto& d : scenario["devices"])
    d["gpm"] = gpm;
  return scenario;
}

TEST_F(NvmlSample, BusyTimeFollowsUtilizationThenRepeatsTheLastValue) {
  ASSERT_EQ(discover(nvml_fixture("h100x8.json")).size(), 8u);
  for (double expected : {0.5, 0.7, 0.7}) {
    auto r = backend_->sample(5);
    EXPECT_EQ(r.method, Method::busy_time);
    EXPECT_EQ(r.activity, expected);
    EXPECT_FALSE(r.unhealthy);
  }
}

TEST_F(NvmlSample, ReadsPowerInWattsAndTheOtherReadings) {
  ASSERT_EQ(discover(nvml_fixture("h100x8.json")).size(), 8u);
  auto r = backend_->sample(0);
  EXPECT_EQ(r.power_w, 350.5);
  EXPECT_EQ(r.power_limit_w, 700.0);
  EXPECT_EQ(r.temperature_c, 34.0);
  EXPECT_EQ(r.sm_clock_mhz, 1980.0);
  EXPECT_EQ(r.memory_total_bytes, 85520809984u);
  EXPECT_EQ(r.memory_used_bytes, 1073741824u);
  EXPECT_FALSE(r.unhealthy);
}

TEST_F(NvmlSample, GpmTensorActivityBetweenSamples) {
  auto scenario = with_gpm(nvml_fixture("h100x8.json"), {{"tensor_active", {0.3, 0.6}}});
  ASSERT_EQ(discover(scenario).size(), 8u);
  for (double expected : {0.3, 0.6, 0.6}) {
    auto r = backend_->sample(2);
    EXPECT_EQ(r.method, Method::gpm_tensor);
    EXPECT_DOUBLE_EQ(*r.activity, expected);
  }
}

TEST_F(NvmlSample, GpmSmActivityWithoutATensorMetric) {
  auto scenario = with_gpm(nvml_fixture("h100x8.json"), {{"sm_active", {0.8}}});
  ASSERT_EQ(discover(scenario).size(), 8u);
  auto r = backend_->sample(0);
  EXPECT_EQ(r.method, Method::sm_active);
  EXPECT_DOUBLE_EQ(*r.activity, 0.8);
}

TEST_F(NvmlSample, FailingGpmFallsBackToBusyTime) {
  auto scenario = with_gpm(nvml_fixture("h100x8.json"), {{"tensor_active", {0.3}}});
  scenario["faults"] = {fault("nvmlGpmMetricsGet", "UNKNOWN")};
  ASSERT_EQ(discover(scenario).size(), 8u);
  auto r = backend_->sample(0);
  EXPECT_EQ(r.method, Method::busy_time);
  EXPECT_EQ(r.activity, 0.5);
}

TEST_F(NvmlSample, GpmUnsupportedByTheDeviceMeansBusyTime) {
  auto scenario = with_gpm(nvml_fixture("h100x8.json"), {{"tensor_active", {0.3}}});
  scenario["faults"] = {fault("nvmlGpmQueryDeviceSupport", "NOT_SUPPORTED", 1)};
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_EQ(backend_->sample(1).method, Method::busy_time);
  EXPECT_EQ(backend_->sample(0).method, Method::gpm_tensor);
}

TEST_F(NvmlSample, NotSupportedIsAbsentNotZero) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetPowerUsage", "NOT_SUPPORTED")};
  ASSERT_EQ(discover(scenario).size(), 8u);
  auto r = backend_->sample(0);
  EXPECT_EQ(r.power_w, std::nullopt);
  EXPECT_EQ(r.power_limit_w, 700.0);
  EXPECT_EQ(r.activity, 0.5);
  EXPECT_FALSE(r.unhealthy);
}

TEST_F(NvmlSample, ReadingsTheDeviceLacksAreAbsent) {
  json bare = {{"name", "NVIDIA A2"}, {"uuid", "GPU-a2"}, {"pci_device_id", "0x25B610DE"}};
  ASSERT_EQ(discover(json{{"devices", {bare}}}).size(), 1u);
  auto r = backend_->sample(0);
  EXPECT_EQ(r.method, Method::none);
  EXPECT_FALSE(r.activity);
  EXPECT_FALSE(r.memory_total_bytes);
  EXPECT_FALSE(r.memory_used_bytes);
  EXPECT_FALSE(r.power_w);
  EXPECT_FALSE(r.power_limit_w);
  EXPECT_FALSE(r.temperature_c);
  EXPECT_FALSE(r.sm_clock_mhz);
  EXPECT_FALSE(r.unhealthy);
}

TEST_F(NvmlSample, MemoryV2CountsAllocatedOnlyAndV1AddsTheReservation) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][0]["memory_reserved_bytes"] = 536870912;
  scenario["faults"] = {fault("nvmlDeviceGetMemoryInfo_v2", "ARGUMENT_VERSION_MISMATCH", 1)};
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_EQ(backend_->sample(0).memory_used_bytes, 1073741824u);
  scenario["devices"][1]["memory_reserved_bytes"] = 536870912;
  set_scenario(scenario);
  ASSERT_EQ(backend_->open(), std::nullopt);
  ASSERT_TRUE(backend_->discover());
  EXPECT_EQ(backend_->sample(1).memory_used_bytes, 1073741824u + 536870912u);
}

TEST_F(NvmlSample, TemperatureFallsBackToThePlainCall) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetTemperatureV", "FUNCTION_NOT_FOUND")};
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_EQ(backend_->sample(0).temperature_c, 34.0);
}

TEST_F(NvmlSample, AnIndexBeyondTheInventoryIsNotFound) {
  ASSERT_EQ(discover(nvml_fixture("h100x8.json")).size(), 8u);
  EXPECT_EQ(backend_->sample(8).unhealthy, "not_found");
}

}  // namespace
}  // namespace suanli::test
