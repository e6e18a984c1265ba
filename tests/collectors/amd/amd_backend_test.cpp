#include "collectors/amd/amd_backend.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "amd_test_util.hpp"
#include "collectors/catalog/derive.hpp"
#include "collectors/registry.hpp"
#include "tests/support/pci_config.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors::amd {
namespace {

namespace fs = std::filesystem;
using amd_test::fixture;

// A fixture copied to a temporary root, so that its files can change between samples.
class AmdSampling : public ::testing::Test {
 protected:
  void use(const std::string& name) {
    fs::copy(fixture(name), root_.path(), fs::copy_options::recursive);
    ASSERT_FALSE(backend_.open());
    ASSERT_TRUE(backend_.discover());
  }
  std::string card(int n) const {
    return root_.path() + "/sys/class/drm/card" + std::to_string(n) + "/device";
  }

  test::TempDir root_;
  AmdBackend backend_{root_.path() + "/sys"};
};

TEST_F(AmdSampling, ReadingsOfMi250xGcds) {
  use("mi250x");
  const Reading r = backend_.sample(0);
  EXPECT_FALSE(r.unhealthy);
  EXPECT_EQ(r.method, Method::busy_time);
  EXPECT_DOUBLE_EQ(*r.activity, 0.37);
  EXPECT_EQ(r.memory_total_bytes, 68702699520u);
  EXPECT_EQ(r.memory_used_bytes, 10485760u);
  EXPECT_EQ(r.sm_clock_mhz, 800.0);
  EXPECT_DOUBLE_EQ(*r.power_w, 250.0);
  EXPECT_DOUBLE_EQ(*r.power_limit_w, 560.0);
  EXPECT_DOUBLE_EQ(*r.temperature_c, 45.0);

  // The second GCD has no power sensor and no mem_info_vram_used: absent, not zero.
  const Reading second = backend_.sample(1);
  EXPECT_FALSE(second.unhealthy);
  EXPECT_DOUBLE_EQ(*second.activity, 0.0);
  EXPECT_FALSE(second.power_w);
  EXPECT_FALSE(second.power_limit_w);
  EXPECT_FALSE(second.memory_used_bytes);
  EXPECT_DOUBLE_EQ(*second.temperature_c, 41.0);
  EXPECT_EQ(second.sm_clock_mhz, 500.0);
}

TEST_F(AmdSampling, PowerInputWhenNoAverage) {
  use("mi300x");
  const Reading r = backend_.sample(0);
  EXPECT_DOUBLE_EQ(*r.activity, 1.0);
  EXPECT_DOUBLE_EQ(*r.power_w, 650.0);
  EXPECT_DOUBLE_EQ(*r.power_limit_w, 750.0);
  EXPECT_EQ(r.sm_clock_mhz, 1431.0);
}

TEST_F(AmdSampling, ActivityFollowsGpuBusyPercent) {
  use("mi250x");
  std::ofstream(card(0) + "/gpu_busy_percent") << "85\n";
  EXPECT_DOUBLE_EQ(*backend_.sample(0).activity, 0.85);
  fs::remove(card(0) + "/gpu_busy_percent");
  const Reading r = backend_.sample(0);
  EXPECT_FALSE(r.unhealthy);
  EXPECT_EQ(r.method, Method::none);
  EXPECT_FALSE(r.activity);
  EXPECT_EQ(r.memory_used_bytes, 10485760u);
}

TEST_F(AmdSampling, VanishedCardIsNotFoundOthersGoOn) {
  use("mi250x");
  fs::remove_all(root_.path() + "/sys/class/drm/card0");
  EXPECT_EQ(backend_.sample(0).unhealthy, "not_found");
  const Reading other = backend_.sample(1);
  EXPECT_FALSE(other.unhealthy);
  EXPECT_TRUE(other.activity);
  EXPECT_EQ(backend_.sample(7).unhealthy, "not_found");
}

TEST_F(AmdSampling, WithoutKfdThePciIdAloneCannotTellMi250xFromMi250) {
  use("mi250x");
  fs::remove_all(root_.path() + "/sys/class/kfd");
  const auto devices = backend_.discover();
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 2u);
  EXPECT_FALSE(devices->at(0).units);
  EXPECT_FALSE(devices->at(0).identity.arch);
  EXPECT_EQ(devices->at(0).max_clock_mhz, 1700.0);
  EXPECT_EQ(amd_test::peaks_of(devices->at(0)).source, PeakSource::unknown);
}

TEST_F(AmdSampling, UnknownPciIdScalesTheRowOfItsSilicon) {
  use("mi300x");
  std::ofstream(card(0) + "/device") << "0x74ff\n";
  fs::remove(card(0) + "/product_name");
  const auto devices = backend_.discover();
  ASSERT_TRUE(devices);
  const PeakResolution peaks = amd_test::peaks_of(devices->at(0));
  EXPECT_EQ(peaks.source, PeakSource::derived);
  // The datasheet figure of the gfx942 row with as many CUs, not 304 x 2048 x max engine clock.
  EXPECT_EQ(peaks.peak_tflops[Precision::fp16], 1307.4);
  EXPECT_EQ(peaks.basis,
            "scaled from catalog row 'Instinct MI300X (OAM, SPX mode)' by 304/304 CU (same "
            "silicon, gfx942)");
}

TEST_F(AmdSampling, WithoutUniqueIdTheUuidIsThePciDeviceSerialNumber) {
  use("mi250x");
  // card0's config space has a DSN capability, card1's has none; the ids stay the bus ids.
  std::ofstream(card(0) + "/config", std::ios::binary)
      << test::pci_config_space(0x1c2b3a4d5e6f7081u);
  std::ofstream(card(1) + "/config", std::ios::binary) << test::pci_config_space(std::nullopt);
  const auto devices = backend_.discover();
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 2u);
  EXPECT_EQ(devices->at(0).uuid, "pci-dsn-1c2b3a4d5e6f7081");
  EXPECT_EQ(devices->at(0).id, "amd-0000:c1:00.0");
  EXPECT_EQ(devices->at(1).uuid, std::nullopt);
  EXPECT_EQ(devices->at(1).id, "amd-0000:c6:00.0");
}

TEST_F(AmdSampling, AConfigSpaceReadWithoutRootHasNoSerial) {
  use("mi250x");
  std::ofstream(card(0) + "/config", std::ios::binary)
      << test::pci_config_space(0x1c2b3a4d5e6f7081u, 256);
  const auto devices = backend_.discover();
  ASSERT_TRUE(devices);
  EXPECT_EQ(devices->at(0).uuid, std::nullopt);
}

TEST_F(AmdSampling, UniqueIdComesBeforeThePciSerial) {
  use("mi300x");
  std::ofstream(card(0) + "/config", std::ios::binary) << test::pci_config_space(0x99u);
  const auto devices = backend_.discover();
  ASSERT_TRUE(devices);
  EXPECT_EQ(devices->at(0).uuid, "4ad2e4c8a9b1f05e");
}

TEST(AmdBackend, OpenFailsWithoutAmdCards) {
  test::TempDir root;
  AmdBackend backend(root.path());
  const auto error = backend.open();
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("no amdgpu device"), std::string::npos);
}

TEST(AmdBackend, FactoryReadsSysfsRootFromTheEnvironment) {
  ASSERT_EQ(setenv("SUANLI_SYSFS_ROOT", (fixture("mi300x") + "/sys").c_str(), 1), 0);
  auto backend = make_backend("amd", config::AgentConfig{});
  unsetenv("SUANLI_SYSFS_ROOT");
  ASSERT_FALSE(backend->open());
  const auto devices = backend->discover();
  ASSERT_TRUE(devices);
  EXPECT_EQ(devices->size(), 1u);
}

}  // namespace
}  // namespace suanli::collectors::amd
