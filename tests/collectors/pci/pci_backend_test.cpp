// The pci backend over tests/fixtures/pci (a simulated /sys/bus/pci), built by name as the agent
// builds it. Which backend claims a device is the agent's business (tests/agent/device_set_test).
#include "collectors/pci/pci_backend.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "collectors/pci/accelerator_ids.hpp"
#include "collectors/registry.hpp"
#include "tests/support/pci_config.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors::pci {
namespace {

namespace fs = std::filesystem;

class PciFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/pci/mixed", root_.path(),
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    EXPECT_EQ(setenv("SUANLI_SYSFS_ROOT", (root_.path() + "/sys").c_str(), 1), 0);
    backend_ = make_backend("pci", config::AgentConfig{});
    unsetenv("SUANLI_SYSFS_ROOT");
  }
  std::string function(const std::string& bus) const {
    return root_.path() + "/sys/bus/pci/devices/" + bus;
  }
  void add(const std::string& bus, const char* vendor, const char* device, const char* class_code) {
    fs::create_directories(function(bus));
    std::ofstream(function(bus) + "/vendor") << vendor << "\n";
    std::ofstream(function(bus) + "/device") << device << "\n";
    std::ofstream(function(bus) + "/class") << class_code << "\n";
  }
  std::vector<DeviceInfo> discover() {
    EXPECT_FALSE(backend_->open());
    auto devices = backend_->discover();
    EXPECT_TRUE(devices);
    return devices ? devices.value() : std::vector<DeviceInfo>{};
  }

  test::TempDir root_;
  std::unique_ptr<DeviceBackend> backend_;
};

TEST_F(PciFixture, ListsTheAcceleratorsOfTheBusByIdentity) {
  const auto devices = discover();
  // Not the BMC's VGA, the host bridge, the GPU's audio function, Intel's QuickAssist, the
  // Hygon chipset function, nor the Cambricon card's virtual function.
  ASSERT_EQ(devices.size(), 3u);
  const struct {
    const char* bus;
    const char* vendor;
    const char* pci_id;
  } expected[] = {{"0000:17:00.0", "NVIDIA", "10de:2330"},
                  {"0000:3b:00.0", "Cambricon", "cabc:0370"},
                  {"0000:5e:00.0", "Kunlunxin", "1d22:3684"}};
  for (std::size_t i = 0; i < 3; ++i) {
    const DeviceInfo& d = devices[i];
    EXPECT_EQ(d.id, std::string("pci-") + expected[i].bus);
    EXPECT_EQ(d.bus_id, expected[i].bus);
    EXPECT_EQ(d.vendor, expected[i].vendor);
    EXPECT_EQ(d.identity.pci_id, expected[i].pci_id);
    EXPECT_EQ(d.model, std::string("PCI ") + expected[i].pci_id);
    EXPECT_EQ(d.device_class, DeviceClass::accelerator);
    EXPECT_FALSE(d.uuid);
    EXPECT_FALSE(d.units);
    EXPECT_FALSE(d.memory_total_bytes);
  }
}

TEST_F(PciFixture, NothingIsMeasuredAndALostCardIsNotFound) {
  ASSERT_EQ(discover().size(), 3u);
  const Reading r = backend_->sample(1);
  EXPECT_FALSE(r.unhealthy);
  EXPECT_EQ(r.method, Method::none);
  EXPECT_FALSE(r.activity);
  EXPECT_FALSE(r.power_w);
  fs::remove_all(function("0000:3b:00.0"));
  EXPECT_EQ(backend_->sample(1).unhealthy, "not_found");
  EXPECT_FALSE(backend_->sample(2).unhealthy);
  EXPECT_EQ(backend_->sample(9).unhealthy, "not_found");
  EXPECT_EQ(discover().size(), 2u);
}

TEST_F(PciFixture, AscendByDeviceIdNotTheIbmcVga) {
  add("0000:c1:00.0", "0x19e5", "0xd802", "0x120000");
  add("0000:c2:00.0", "0x19e5", "0x1711", "0x030000");
  add("0000:c3:00.0", "0x19e5", "0x1822", "0x020000");
  const auto devices = discover();
  ASSERT_EQ(devices.size(), 4u);
  EXPECT_EQ(devices[3].vendor, "Huawei");
  EXPECT_EQ(devices[3].identity.pci_id, "19e5:d802");
}

TEST_F(PciFixture, AnUnknownMakersAcceleratorIsNamedByItsVendorId) {
  add("0000:d0:00.0", "0x1bd4", "0x0001", "0x120000");
  const auto devices = discover();
  ASSERT_EQ(devices.size(), 4u);
  EXPECT_EQ(devices[3].vendor, "1bd4");
  EXPECT_EQ(devices[3].model, "PCI 1bd4:0001");
}

TEST_F(PciFixture, TheDeviceSerialNumberIsTheUuidWhenReadable) {
  std::ofstream(function("0000:3b:00.0") + "/config", std::ios::binary)
      << test::pci_config_space(0x1c2b3a4d5e6f7081u);
  EXPECT_EQ(discover().at(1).uuid, "pci-dsn-1c2b3a4d5e6f7081");
}

TEST(PciBackend, AnEmptyBusIsNotAvailable) {
  test::TempDir root;
  PciBackend backend(root.path());
  const auto error = backend.open();
  ASSERT_TRUE(error);
  EXPECT_NE(error->find("no accelerator"), std::string::npos);
}

TEST(PciAcceleratorIds, ClassesAndMakers) {
  EXPECT_TRUE(is_accelerator({0x1002, 0x74a1, 0x038000}));   // AMD Instinct
  EXPECT_FALSE(is_accelerator({0x1002, 0x744c, 0x030000}));  // a Radeon VGA
  EXPECT_TRUE(is_accelerator({0x10de, 0x2204, 0x030000}));   // an NVIDIA VGA
  EXPECT_TRUE(is_accelerator({0x10de, 0x2330, 0x030200}));
  EXPECT_FALSE(is_accelerator({0x10de, 0x22a3, 0x040300}));  // its audio function
  EXPECT_FALSE(is_accelerator({0x1a03, 0x2000, 0x030000}));  // ASPEED BMC VGA
  EXPECT_FALSE(is_accelerator({0x102b, 0x0536, 0x030000}));  // Matrox BMC VGA
  EXPECT_TRUE(is_accelerator({0x1234, 0x0001, 0x030200}));   // any maker's 3D controller
  EXPECT_TRUE(is_accelerator({0x1234, 0x0001, 0x120000}));   // any processing accelerator
  EXPECT_TRUE(is_accelerator({0x1234, 0x0001, 0x0b4000}));   // any co-processor
  EXPECT_FALSE(is_accelerator({0x8086, 0x4940, 0x0b4000}));  // but Intel QuickAssist
  EXPECT_TRUE(is_accelerator({0x8086, 0x0bd5, 0x038000}));   // Intel Data Center GPU Max
  EXPECT_TRUE(is_accelerator({0x1d94, 0x6211, 0x038000}));   // a Hygon DCU
  EXPECT_FALSE(is_accelerator({0x1d94, 0x1450, 0x060000}));  // a Hygon root complex
  EXPECT_TRUE(is_accelerator({0x19e5, 0xd801, 0x120000}));
  EXPECT_FALSE(is_accelerator({0x19e5, 0x1711, 0x030000}));  // Huawei iBMC VGA
  EXPECT_TRUE(is_accelerator({0x1ed5, 0x0323, 0x030000}));   // Moore Threads S4000
  EXPECT_FALSE(is_accelerator({0x1ed5, 0x03ff, 0x040300}));  // its HDMI audio
  EXPECT_EQ(vendor_name(0x9999), "MetaX");
  EXPECT_EQ(vendor_name(0x1e3e), "Iluvatar CoreX");
  EXPECT_FALSE(vendor_name(0x1a03));
}

}  // namespace
}  // namespace suanli::collectors::pci
