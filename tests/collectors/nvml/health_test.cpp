#include <gtest/gtest.h>

#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using NvmlHealth = NvmlTest;

TEST_F(NvmlHealth, AGpuLostFromSampleTwoIsUnhealthyAndTheOthersGoOn) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetUtilizationRates", "GPU_IS_LOST", 3, 2)};
  ASSERT_EQ(discover(scenario).size(), 8u);
  for (std::size_t i = 0; i < 8; ++i)
    EXPECT_FALSE(backend_->sample(i).unhealthy) << i;
  for (std::size_t i = 0; i < 8; ++i) {
    auto r = backend_->sample(i);
    if (i == 3) {
      EXPECT_EQ(r.unhealthy, "gpu_lost");
      EXPECT_FALSE(r.activity);
      EXPECT_FALSE(r.power_w);  // a lost GPU is not asked again within the sample
    } else {
      EXPECT_FALSE(r.unhealthy) << i;
      EXPECT_EQ(r.activity, 0.7) << i;
    }
  }
  EXPECT_FALSE(backend_->needs_reopen());
}

struct FaultCase {
  const char* error;
  const char* reason;
};

void PrintTo(const FaultCase& c, std::ostream* os) {
  *os << c.error;
}

class NvmlHealthFault : public NvmlTest, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(NvmlHealthFault, MapsToItsReason) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetPowerUsage", GetParam().error, 6)};
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_EQ(backend_->sample(6).unhealthy, GetParam().reason);
  EXPECT_FALSE(backend_->sample(5).unhealthy);
}

INSTANTIATE_TEST_SUITE_P(DeviceFaults, NvmlHealthFault,
                         ::testing::Values(FaultCase{"GPU_IS_LOST", "gpu_lost"},
                                           FaultCase{"RESET_REQUIRED", "reset_required"},
                                           FaultCase{"IRQ_ISSUE", "irq_issue"},
                                           FaultCase{"INSUFFICIENT_POWER", "insufficient_power"},
                                           FaultCase{"CORRUPTED_INFOROM", "corrupted_inforom"}),
                         [](const auto& info) { return std::string(info.param.reason); });

TEST_F(NvmlHealth, UncorrectedEccErrors) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][1]["ecc_uncorrected"] = 2;
  ASSERT_EQ(discover(scenario).size(), 8u);
  auto r = backend_->sample(1);
  EXPECT_EQ(r.unhealthy, "ecc_uncorrected");
  EXPECT_EQ(r.activity, 0.5);  // the readings are still there
  EXPECT_FALSE(backend_->sample(0).unhealthy);
}

TEST_F(NvmlHealth, PendingRowRemap) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][7]["row_remap_pending"] = true;
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_EQ(backend_->sample(7).unhealthy, "row_remap_pending");
}

TEST_F(NvmlHealth, FailedRowRemap) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][7]["row_remap_failure"] = true;
  ASSERT_EQ(discover(scenario).size(), 8u);
  EXPECT_EQ(backend_->sample(7).unhealthy, "row_remap_failure");
}

}  // namespace
}  // namespace suanli::test
