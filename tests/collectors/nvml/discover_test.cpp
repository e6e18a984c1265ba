#include <gtest/gtest.h>

#include "collectors/catalog/arch.hpp"
#include "collectors/catalog/peaks.hpp"
#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using NvmlDiscover = NvmlTest;

TEST_F(NvmlDiscover, EightH100sWithTheirIdentity) {
  json scenario = nvml_fixture("h100x8.json");
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 8u);
  const char* buses[] = {"18", "2a", "3a", "5d", "9a", "ab", "ba", "db"};
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const auto& d = devices[i];
    std::string uuid = scenario["devices"][i]["uuid"];
    EXPECT_EQ(d.id, uuid);
    EXPECT_EQ(d.uuid, uuid);
    EXPECT_EQ(d.device_class, DeviceClass::accelerator);
    EXPECT_EQ(d.vendor, "NVIDIA");
    EXPECT_EQ(d.model, "NVIDIA H100 80GB HBM3");
    EXPECT_EQ(d.identity.name, "NVIDIA H100 80GB HBM3");
    EXPECT_EQ(d.identity.pci_id, "10de:2330");
    EXPECT_EQ(d.bus_id, "0000:" + std::string(buses[i]) + ":00.0");
    EXPECT_EQ(d.memory_total_bytes, 85520809984u);
    EXPECT_EQ(d.units, 132u);
    EXPECT_EQ(d.identity.units, 132);
    EXPECT_EQ(d.identity.arch, Arch::nvidia_sm90);
    EXPECT_EQ(d.max_clock_mhz, 1980.0);
    EXPECT_EQ(d.identity.clock_mhz, 1980.0);
    EXPECT_FALSE(d.parent);
    EXPECT_FALSE(d.share);
  }
}

// An H100 SXM5 94GB (10de:2339, "NVIDIA H100", no catalog row of its own) reports a 1980 MHz
// maximum SM clock: its peak is the H100 SXM5 row's datasheet figure, not 132 x 4096 x 1980 MHz.
TEST_F(NvmlDiscover, ASameSiliconVariantTakesTheCatalogRowsFigure) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][0]["name"] = "NVIDIA H100";
  scenario["devices"][0]["pci_device_id"] = "0x233910DE";
  auto devices = discover(scenario);
  ASSERT_FALSE(devices.empty());
  const collectors::DeviceInfo& d = devices[0];
  EXPECT_EQ(d.identity.pci_id, "10de:2339");
  EXPECT_EQ(d.identity.clock_basis, "NVML max SM clock");
  const PeakResolution peaks = resolve_peaks(Catalog::builtin().value(), d.identity, {});
  EXPECT_EQ(peaks.source, PeakSource::derived);
  EXPECT_EQ(peaks.peak_tflops[Precision::fp16], 989.4);
  EXPECT_EQ(peaks.basis,
            "scaled from catalog row 'H100 SXM5 80GB' by 132/132 SM (same silicon, sm_90)");
}

TEST_F(NvmlDiscover, TwoEntriesWithOneUuidAreOneDevice) {
  json scenario = nvml_fixture("h100x8.json");
  json twin = scenario["devices"][0];
  twin["bus_id"] = "0000:e0:00.0";
  scenario["devices"].push_back(twin);
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_EQ(devices[0].bus_id, "0000:18:00.0");
}

TEST_F(NvmlDiscover, WithoutUuidTheIdIsTheBusId) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetUUID", "NOT_SUPPORTED", 2)};
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_EQ(devices[2].id, "nvml-0000:3a:00.0");
  EXPECT_FALSE(devices[2].uuid);
  EXPECT_EQ(devices[2].identity.pci_id, "10de:2330");
}

TEST_F(NvmlDiscover, NoGpusIsAnEmptyInventory) {
  EXPECT_TRUE(discover(json{{"devices", json::array()}}).empty());
}

TEST_F(NvmlDiscover, UnknownComputeCapabilityLeavesArchAndUnitsAbsent) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][0]["compute_capability"] = {6, 1};
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_FALSE(devices[0].identity.arch);
  EXPECT_FALSE(devices[0].units);
  EXPECT_EQ(devices[0].identity.pci_id, "10de:2330");
}

TEST_F(NvmlDiscover, AGpuWithoutAHandleIsLeftOut) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetHandleByIndex", "NO_PERMISSION", 4)};
  auto devices = discover(scenario);
  ASSERT_EQ(devices.size(), 7u);
  EXPECT_EQ(devices[4].bus_id, "0000:ab:00.0");
}

TEST_F(NvmlDiscover, AGpuLostBetweenDiscoveriesStaysWithItsIdentityAndIsReportedLost) {
  json scenario = nvml_fixture("h100x8.json");
  // From its second sample on, NVML answers GPU_IS_LOST for GPU 3, its handle included.
  scenario["faults"] = {fault("nvmlDeviceGetHandleByIndex", "GPU_IS_LOST", 3, 2),
                        fault("nvmlDeviceGetUtilizationRates", "GPU_IS_LOST", 3, 2)};
  const auto first = discover(scenario);
  ASSERT_EQ(first.size(), 8u);
  EXPECT_FALSE(backend_->sample(3).unhealthy);
  EXPECT_EQ(backend_->sample(3).unhealthy, "gpu_lost");

  auto again = backend_->discover();  // the periodic rediscovery
  ASSERT_TRUE(again.ok()) << again.error();
  ASSERT_EQ(again->size(), 8u) << "a lost GPU must stay installed";
  EXPECT_EQ((*again)[3].id, first[3].id);
  EXPECT_EQ((*again)[3].identity.pci_id, first[3].identity.pci_id);
  EXPECT_EQ((*again)[3].bus_id, first[3].bus_id);
  EXPECT_EQ(backend_->sample(3).unhealthy, "gpu_lost");
  EXPECT_FALSE(backend_->sample(2).unhealthy);
  EXPECT_FALSE(backend_->needs_reopen());
}

TEST_F(NvmlDiscover, AGpuLostAtItsFirstDiscoveryIsLeftOut) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetHandleByIndex", "GPU_IS_LOST", 3)};
  EXPECT_EQ(discover(scenario).size(), 7u);  // nothing known to keep: no identity, no peak
}

}  // namespace
}  // namespace suanli::test
