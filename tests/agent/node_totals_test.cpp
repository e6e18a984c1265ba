#include "agent/node_totals.hpp"

#include <gtest/gtest.h>

namespace suanli::agent {
namespace {

wire::Device gpu(std::string id, double fp16, std::optional<std::string> parent = {}) {
  wire::Device d;
  d.id = std::move(id);
  d.peak_tflops[Precision::fp16] = fp16;
  d.parent = std::move(parent);
  if (d.parent) d.share = 1.0 / 7;
  return d;
}

TEST(AgentTotals, AMigSplitH100CountsOnce) {
  std::vector<wire::Device> devices = {gpu("GPU-a", 989.4)};
  for (int i = 0; i < 7; ++i)
    devices.push_back(gpu("MIG-" + std::to_string(i), 989.4 / 7, "GPU-a"));
  auto totals = birth_totals(devices);
  EXPECT_EQ(totals.devices, 1u);
  EXPECT_DOUBLE_EQ(*totals.peak_tflops[Precision::fp16], 989.4);
}

TEST(AgentTotals, EightH100) {
  std::vector<wire::Device> devices;
  for (int i = 0; i < 8; ++i)
    devices.push_back(gpu("GPU-" + std::to_string(i), 989.4));
  auto totals = birth_totals(devices);
  EXPECT_EQ(totals.devices, 8u);
  EXPECT_NEAR(*totals.peak_tflops[Precision::fp16], 7915.2, 1e-9);
  EXPECT_FALSE(totals.peak_tflops[Precision::fp32].has_value());
}

TEST(AgentTotals, UnhealthyDevicesLeaveLiveButStayInPeak) {
  std::vector<wire::Device> devices = {gpu("a", 100), gpu("b", 100)};
  wire::DeviceWindow wa;
  wa.id = "a";
  wa.healthy = true;
  wa.achieved_tflops[Precision::fp16] = 40;
  wire::DeviceWindow wb;
  wb.id = "b";
  wb.healthy = false;
  auto totals = data_totals(devices, {wa, wb});
  EXPECT_EQ(totals.devices, 2u);
  EXPECT_EQ(totals.healthy_devices, 1u);
  EXPECT_DOUBLE_EQ(*totals.peak_tflops[Precision::fp16], 200);
  EXPECT_DOUBLE_EQ(*totals.live_tflops[Precision::fp16], 100);
  EXPECT_DOUBLE_EQ(*totals.achieved_tflops[Precision::fp16], 40);
}

}  // namespace
}  // namespace suanli::agent
