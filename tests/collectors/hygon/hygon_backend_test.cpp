// Hygon DCUs through the amdgpu-style sysfs fixtures of tests/fixtures/hygon (simulated trees in
// the layout of Hygon's driver, a fork of amdgpu), built as the agent builds the backend: by name.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "collectors/catalog/peaks.hpp"
#include "collectors/registry.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& name) {
  return std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/hygon/" + name;
}

// The backend `name` over the tree copied from fixture `tree`, as the agent makes it.
class HygonFixture : public ::testing::Test {
 protected:
  std::unique_ptr<DeviceBackend> open(const std::string& tree, const std::string& name = "hygon") {
    fs::copy(fixture(tree), root_.path(), fs::copy_options::recursive);
    EXPECT_EQ(setenv("SUANLI_SYSFS_ROOT", sys().c_str(), 1), 0);
    auto backend = make_backend(name, config::AgentConfig{});
    unsetenv("SUANLI_SYSFS_ROOT");
    return backend;
  }
  std::vector<DeviceInfo> discover(DeviceBackend& backend) {
    auto devices = backend.discover();
    EXPECT_TRUE(devices);
    return devices ? devices.value() : std::vector<DeviceInfo>{};
  }
  std::string sys() const { return root_.path() + "/sys"; }
  std::string card(int n) const {
    return sys() + "/class/drm/card" + std::to_string(n) + "/device";
  }

  test::TempDir root_;
};

TEST_F(HygonFixture, K100AiCardsWithUnitsFromKfd) {
  auto backend = open("k100_ai");
  ASSERT_FALSE(backend->open());
  const auto devices = discover(*backend);
  ASSERT_EQ(devices.size(), 2u);  // card0 is the BMC's ASPEED VGA
  const char* buses[] = {"0000:1b:00.0", "0000:9c:00.0"};
  const char* uids[] = {"5e7c1a2b3d4f6081", "5e7c1a2b3d4f6082"};
  for (std::size_t i = 0; i < 2; ++i) {
    const DeviceInfo& d = devices[i];
    EXPECT_EQ(d.id, std::string("hygon-") + uids[i]);
    EXPECT_EQ(d.uuid, uids[i]);
    EXPECT_EQ(d.bus_id, buses[i]);
    EXPECT_EQ(d.device_class, DeviceClass::accelerator);
    EXPECT_EQ(d.vendor, "Hygon");
    EXPECT_EQ(d.model, "Hygon DCU K100_AI");
    EXPECT_EQ(d.identity.pci_id, "1d94:6211");
    EXPECT_FALSE(d.identity.name);  // no product_name: the catalog matches the PCI id
    EXPECT_EQ(d.units, 120u);       // simd_count 480 / simd_per_cu 4
    EXPECT_EQ(d.identity.units, 120);
    EXPECT_EQ(d.max_clock_mhz, 1500.0);
    EXPECT_EQ(d.memory_total_bytes, 68719476736u);
    // gfx928 is AMD's instruction set, not AMD's silicon: no AMD per-CU rates.
    EXPECT_FALSE(d.identity.arch);
  }
}

TEST_F(HygonFixture, Z100WithTheOlderDriverAndNoUniqueId) {
  auto backend = open("z100");
  ASSERT_FALSE(backend->open());
  const auto devices = discover(*backend);
  ASSERT_EQ(devices.size(), 1u);
  const DeviceInfo& d = devices[0];
  EXPECT_EQ(d.id, "hygon-0000:3d:00.0");
  EXPECT_FALSE(d.uuid);
  EXPECT_EQ(d.model, "Hygon DCU Z100");
  EXPECT_EQ(d.identity.pci_id, "1d94:54b7");
  EXPECT_EQ(d.units, 64u);
  EXPECT_EQ(d.max_clock_mhz, 1319.0);
  EXPECT_FALSE(d.identity.arch);
  // Without a catalog figure a DCU's peak is unknown, never derived from AMD's rates.
  const Catalog empty = Catalog::from_json(R"({"accelerators": []})", "empty.json").value();
  EXPECT_EQ(resolve_peaks(empty, d.identity, {}).source, PeakSource::unknown);
}

TEST_F(HygonFixture, AnUnknownDeviceIdIsNamedByItsPciId) {
  auto backend = open("z100");
  std::ofstream(card(0) + "/device") << "0x6320\n";
  ASSERT_FALSE(backend->open());
  EXPECT_EQ(discover(*backend).at(0).model, "Hygon DCU 1d94:6320");
}

TEST_F(HygonFixture, PeaksAreWhateverTheCatalogSays) {
  auto backend = open("k100_ai");
  ASSERT_FALSE(backend->open());
  const DeviceInfo d = discover(*backend).at(0);
  const Catalog catalog = Catalog::from_json(R"({"accelerators": [{"vendor": "Hygon",
      "model": "Test DCU", "enumerated_device": true, "pci_ids": ["1d94:6211"],
      "tflops": {"fp16": 123.5}, "confidence": "low"}]})",
                                             "test.json")
                              .value();
  const PeakResolution peaks = resolve_peaks(catalog, d.identity, {});
  EXPECT_EQ(peaks.source, PeakSource::catalog);
  EXPECT_EQ(peaks.catalog_model, "Test DCU");
  EXPECT_DOUBLE_EQ(*peaks.peak_tflops[Precision::fp16], 123.5);
  // An operator's override by PCI id wins over the catalog.
  PrecisionMap stated;
  stated[Precision::fp16] = 100.0;
  const PeakResolution overridden = resolve_peaks(catalog, d.identity, {{"1d94:6211", stated}});
  EXPECT_EQ(overridden.source, PeakSource::config);
  EXPECT_DOUBLE_EQ(*overridden.peak_tflops[Precision::fp16], 100.0);
}

TEST_F(HygonFixture, BusyTimeAndReadings) {
  auto backend = open("k100_ai");
  ASSERT_FALSE(backend->open());
  ASSERT_EQ(discover(*backend).size(), 2u);
  const Reading r = backend->sample(0);
  EXPECT_FALSE(r.unhealthy);
  EXPECT_EQ(r.method, Method::busy_time);
  EXPECT_DOUBLE_EQ(*r.activity, 0.64);
  EXPECT_EQ(r.memory_used_bytes, 21474836480u);
  EXPECT_EQ(r.sm_clock_mhz, 800.0);
  EXPECT_DOUBLE_EQ(*r.power_w, 215.0);
  EXPECT_DOUBLE_EQ(*r.power_limit_w, 350.0);
  EXPECT_DOUBLE_EQ(*r.temperature_c, 48.0);
  std::ofstream(card(1) + "/gpu_busy_percent") << "93\n";
  EXPECT_DOUBLE_EQ(*backend->sample(0).activity, 0.93);
  EXPECT_DOUBLE_EQ(*backend->sample(1).activity, 0.0);
}

TEST_F(HygonFixture, ALostDcuIsNotFoundAndTheOtherGoesOn) {
  auto backend = open("k100_ai");
  ASSERT_FALSE(backend->open());
  ASSERT_EQ(discover(*backend).size(), 2u);
  fs::remove_all(sys() + "/class/drm/card1");
  EXPECT_EQ(backend->sample(0).unhealthy, "not_found");
  const Reading other = backend->sample(1);
  EXPECT_FALSE(other.unhealthy);
  EXPECT_EQ(other.method, Method::busy_time);
  // The next discovery lists the DCU that is left.
  const auto devices = discover(*backend);
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].bus_id, "0000:9c:00.0");
}

TEST_F(HygonFixture, AmdAndHygonBackendsDoNotTakeEachOthersCards) {
  auto amd = open("k100_ai", "amd");
  const auto error = amd->open();
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("no amdgpu device of AMD"), std::string::npos) << *error;
  test::TempDir other;
  fs::copy(std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/amd/mi300x", other.path(),
           fs::copy_options::recursive);
  ASSERT_EQ(setenv("SUANLI_SYSFS_ROOT", (other.path() + "/sys").c_str(), 1), 0);
  auto hygon = make_backend("hygon", config::AgentConfig{});
  unsetenv("SUANLI_SYSFS_ROOT");
  ASSERT_TRUE(hygon->open());
}

TEST_F(HygonFixture, ACardBoundToAnotherDriverIsNotADcu) {
  auto backend = open("z100");
  std::ofstream(card(0) + "/uevent") << "DRIVER=vfio-pci\nPCI_SLOT_NAME=0000:3d:00.0\n";
  EXPECT_TRUE(backend->open());
}

}  // namespace
}  // namespace suanli::collectors
