// The inventories and peaks of the amdgpu fixture trees (tests/fixtures/amd/), end to end through
// the catalog's resolve_peaks as the agent calls it.
#include <gtest/gtest.h>

#include "amd_test_util.hpp"

namespace suanli::collectors {
namespace {

using amd_test::fixture;
using amd_test::peaks_of;

std::vector<DeviceInfo> discover(const std::string& name) {
  amd::AmdBackend backend(fixture(name) + "/sys");
  if (backend.open()) return {};
  auto devices = backend.discover();
  return devices ? devices.value() : std::vector<DeviceInfo>{};
}

TEST(AmdFixtures, Mi250xIsTwoGcdsWithThePerGcdRow) {
  const auto devices = discover("mi250x");
  ASSERT_EQ(devices.size(), 2u);  // card2 is the BMC's ASPEED VGA
  const char* buses[] = {"0000:c1:00.0", "0000:c6:00.0"};
  for (std::size_t i = 0; i < 2; ++i) {
    const DeviceInfo& d = devices[i];
    EXPECT_EQ(d.id, std::string("amd-") + buses[i]);
    EXPECT_EQ(d.bus_id, buses[i]);
    EXPECT_FALSE(d.uuid);
    EXPECT_EQ(d.device_class, DeviceClass::accelerator);
    EXPECT_EQ(d.vendor, "AMD");
    EXPECT_EQ(d.model, "AMD GPU 1002:740c");
    EXPECT_EQ(d.identity.pci_id, "1002:740c");
    EXPECT_FALSE(d.identity.name);
    EXPECT_EQ(d.units, 110u);
    EXPECT_EQ(d.identity.units, 110);
    EXPECT_EQ(d.identity.arch, Arch::amd_gfx90a);
    EXPECT_EQ(d.max_clock_mhz, 1700.0);
    EXPECT_EQ(d.memory_total_bytes, 68702699520u);
    // 1002:740c is MI250X or MI250; 110 CUs pick the MI250X per-GCD row.
    const PeakResolution peaks = peaks_of(d);
    EXPECT_EQ(peaks.source, PeakSource::catalog);
    EXPECT_EQ(peaks.catalog_model, "Instinct MI250X (per GCD, as enumerated)");
    EXPECT_EQ(peaks.matched_by, MatchKind::pci);
    EXPECT_DOUBLE_EQ(*peaks.peak_tflops[Precision::fp16], 191.5);
  }
}

TEST(AmdFixtures, Mi250CuCountPicksTheMi250Row) {
  DeviceInfo gcd = discover("mi250x").at(0);
  gcd.identity.units = 104;
  const PeakResolution peaks = peaks_of(gcd);
  EXPECT_EQ(peaks.catalog_model, "Instinct MI250 (per GCD, as enumerated)");
  EXPECT_DOUBLE_EQ(*peaks.peak_tflops[Precision::fp16], 181.05);
}

TEST(AmdFixtures, Mi300x) {
  const auto devices = discover("mi300x");
  ASSERT_EQ(devices.size(), 1u);
  const DeviceInfo& d = devices[0];
  EXPECT_EQ(d.id, "amd-4ad2e4c8a9b1f05e");
  EXPECT_EQ(d.uuid, "4ad2e4c8a9b1f05e");
  EXPECT_EQ(d.bus_id, "0000:05:00.0");
  EXPECT_EQ(d.model, "AMD Instinct MI300X");
  EXPECT_EQ(d.identity.name, "AMD Instinct MI300X");
  EXPECT_EQ(d.identity.pci_id, "1002:74a1");
  EXPECT_EQ(d.units, 304u);
  EXPECT_EQ(d.identity.arch, Arch::amd_gfx942);
  EXPECT_EQ(d.max_clock_mhz, 2100.0);
  EXPECT_EQ(d.memory_total_bytes, 206158430208u);
  const PeakResolution peaks = peaks_of(d);
  EXPECT_EQ(peaks.source, PeakSource::catalog);
  EXPECT_EQ(peaks.catalog_model, "Instinct MI300X (OAM, SPX mode)");
  EXPECT_DOUBLE_EQ(*peaks.peak_tflops[Precision::fp16], 1307.4);
}

}  // namespace
}  // namespace suanli::collectors
