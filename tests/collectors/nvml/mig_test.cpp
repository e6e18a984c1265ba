#include <gtest/gtest.h>

#include "collectors/catalog/arch.hpp"
#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using NvmlMig = NvmlTest;

TEST_F(NvmlMig, SevenSlicesNameTheirGpuAndItsShare) {
  json scenario = nvml_fixture("h100_mig7.json");
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 8u);
  const auto& gpu = devices[0];
  EXPECT_EQ(gpu.id, "GPU-7e1d4c2b-9a8f-4e3d-b6c5-2a1b0c9d8e71");
  EXPECT_EQ(gpu.identity.pci_id, "10de:2330");
  EXPECT_EQ(gpu.units, 132u);
  EXPECT_FALSE(gpu.parent);
  EXPECT_FALSE(gpu.share);
  for (std::size_t i = 1; i < devices.size(); ++i) {
    const auto& slice = devices[i];
    EXPECT_EQ(slice.id, scenario["devices"][0]["mig"]["slices"][i - 1]["uuid"]);
    EXPECT_EQ(slice.id.substr(0, 4), "MIG-");
    EXPECT_EQ(slice.model, "NVIDIA H100 80GB HBM3 MIG 1g.10gb");
    EXPECT_EQ(slice.parent, gpu.id);
    ASSERT_TRUE(slice.share);
    EXPECT_DOUBLE_EQ(*slice.share, 16.0 / 132.0);
    EXPECT_EQ(slice.units, 16u);
    EXPECT_EQ(slice.memory_total_bytes, 10334765056u);
    EXPECT_EQ(slice.bus_id, "0000:18:00.0");
    EXPECT_EQ(slice.identity.arch, Arch::nvidia_sm90);
    EXPECT_FALSE(slice.identity.pci_id);  // a catalog match would count a whole H100
  }
}

TEST_F(NvmlMig, WithoutSmCountsTheShareComesFromTheProfileSlices) {
  json scenario = nvml_fixture("h100_mig7.json");
  scenario["devices"][0].erase("cuda_cores");
  for (auto& slice : scenario["devices"][0]["mig"]["slices"])
    slice.erase("sm_count");
  scenario["devices"][0]["mig"]["slices"][0]["slice_count"] = 3;
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_DOUBLE_EQ(*devices[1].share, 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(*devices[2].share, 1.0 / 7.0);
  EXPECT_FALSE(devices[2].units);
}

TEST_F(NvmlMig, EmptySlotsAreSkipped) {
  json scenario = nvml_fixture("h100_mig7.json");
  auto& slices = scenario["devices"][0]["mig"]["slices"];
  slices.erase(slices.begin() + 3, slices.end());
  EXPECT_EQ(discover(scenario).size(), 4u);
}

TEST_F(NvmlMig, MigModeOffMeansNoSlices) {
  json scenario = nvml_fixture("h100_mig7.json");
  scenario["devices"][0]["mig"]["enabled"] = false;
  EXPECT_EQ(discover(scenario).size(), 1u);
}

TEST_F(NvmlMig, SlicesReportMemoryAndGpmButNotTheGpusPower) {
  json scenario = nvml_fixture("h100_mig7.json");
  scenario["devices"][0]["mig"]["slices"][0]["gpm"] = {{"tensor_active", {0.25}}};
  ASSERT_EQ(discover(scenario).size(), 8u);
  auto slice = backend_->sample(1);
  EXPECT_EQ(slice.method, Method::gpm_tensor);
  EXPECT_DOUBLE_EQ(*slice.activity, 0.25);
  EXPECT_EQ(slice.memory_used_bytes, 13631488u);
  EXPECT_FALSE(slice.power_w);
  EXPECT_FALSE(slice.unhealthy);

  auto plain = backend_->sample(2);  // no GPM, and utilization is not supported under MIG
  EXPECT_EQ(plain.method, Method::none);
  EXPECT_FALSE(plain.activity);

  auto gpu = backend_->sample(0);
  EXPECT_FALSE(gpu.activity);
  EXPECT_EQ(gpu.power_w, 350.5);
}

TEST_F(NvmlMig, AnA100UnderMigWithoutGpmMeasuresNothing) {
  auto devices = discover(nvml_fixture("a100_mig4.json"));
  ASSERT_EQ(devices.size(), 5u);
  EXPECT_EQ(devices[0].identity.pci_id, "10de:20b2");
  EXPECT_EQ(devices[0].identity.arch, Arch::nvidia_sm80);
  EXPECT_DOUBLE_EQ(*devices[1].share, 42.0 / 108.0);
  for (int sample = 0; sample < 3; ++sample) {
    for (std::size_t i = 0; i < devices.size(); ++i) {
      // Utilization answers NOT_SUPPORTED under MIG and Ampere has no GPM: unknown, never 0.
      auto r = backend_->sample(i);
      EXPECT_EQ(r.method, Method::none) << devices[i].id;
      EXPECT_FALSE(r.activity) << devices[i].id;
      EXPECT_FALSE(r.unhealthy) << devices[i].id;
      EXPECT_TRUE(r.memory_used_bytes) << devices[i].id;
    }
  }
  EXPECT_EQ(backend_->sample(0).power_w, 212.5);
}

TEST_F(NvmlMig, TheSameA100OutOfMigModeIsMeasuredByBusyTime) {
  json scenario = nvml_fixture("a100_mig4.json");
  scenario["devices"][0]["mig"]["enabled"] = false;
  ASSERT_EQ(discover(scenario).size(), 1u);
  auto r = backend_->sample(0);
  EXPECT_EQ(r.method, Method::busy_time);
  EXPECT_EQ(r.activity, 0.5);
}

}  // namespace
}  // namespace suanli::test
