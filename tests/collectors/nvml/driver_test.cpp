#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using ::testing::HasSubstr;
using NvmlDriver = NvmlTest;

TEST_F(NvmlDriver, AVersionMismatchAtInitFailsOpen) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlInit", "LIB_RM_VERSION_MISMATCH")};
  auto why = backend(scenario).open();
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("Driver/library version mismatch"));
}

TEST_F(NvmlDriver, ADriverNotLoadedFailsDiscovery) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetCount", "DRIVER_NOT_LOADED")};
  auto& b = backend(scenario);
  ASSERT_EQ(b.open(), std::nullopt);
  auto devices = b.discover();
  ASSERT_FALSE(devices);
  EXPECT_THAT(devices.error(), HasSubstr("Driver Not Loaded"));
}

TEST_F(NvmlDriver, ADriverErrorOnOneDeviceFailsDiscovery) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetName", "LIB_RM_VERSION_MISMATCH", 2)};
  auto& b = backend(scenario);
  ASSERT_EQ(b.open(), std::nullopt);
  EXPECT_FALSE(b.discover());
}

TEST_F(NvmlDriver, AMismatchWhileSamplingAsksForAReopen) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetUtilizationRates", "LIB_RM_VERSION_MISMATCH", {}, 2)};
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_FALSE(backend_->sample(0).unhealthy);
  EXPECT_FALSE(backend_->needs_reopen());
  auto r = backend_->sample(0);
  EXPECT_EQ(r.unhealthy, "driver_error");
  EXPECT_TRUE(backend_->needs_reopen());

  scenario.erase("faults");  // the driver is fixed
  set_scenario(scenario);
  backend_->close();
  ASSERT_EQ(backend_->open(), std::nullopt);
  EXPECT_FALSE(backend_->needs_reopen());
  ASSERT_TRUE(backend_->discover());
  EXPECT_FALSE(backend_->sample(0).unhealthy);
}

TEST_F(NvmlDriver, OpeningAgainWithoutCloseBalancesInitAndShutdown) {
  auto& b = backend(nvml_fixture("h100x8.json"));
  ASSERT_EQ(b.open(), std::nullopt);
  ASSERT_EQ(b.open(), std::nullopt);
  b.close();
  b.close();
  // NVML is shut down once per init: the next init reads the scenario afresh.
  json two = nvml_fixture("h100x8.json");
  auto& devices = two["devices"];
  devices.erase(devices.begin() + 2, devices.end());
  set_scenario(two);
  ASSERT_EQ(b.open(), std::nullopt);
  EXPECT_EQ(b.discover()->size(), 2u);
}

TEST_F(NvmlDriver, SamplingAfterCloseFindsNoDevice) {
  ASSERT_EQ(discover(nvml_fixture("h100x8.json")).size(), 8u);
  backend_->close();
  EXPECT_EQ(backend_->sample(0).unhealthy, "not_found");
  EXPECT_FALSE(backend_->discover());
}

}  // namespace
}  // namespace suanli::test
