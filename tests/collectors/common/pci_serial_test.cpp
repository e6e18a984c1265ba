#include "collectors/pci_serial.hpp"

#include <gtest/gtest.h>

#include "tests/support/pci_config.hpp"
#include "tests/support/process.hpp"

namespace suanli::collectors {
namespace {

using test::pci_config_space;

TEST(PciSerial, FoundAlongTheExtendedCapabilityChain) {
  EXPECT_EQ(find_device_serial(pci_config_space(0x0011223344556677u)), 0x0011223344556677u);
}

TEST(PciSerial, AbsentWithoutTheCapability) {
  EXPECT_EQ(find_device_serial(pci_config_space(std::nullopt)), std::nullopt);
}

TEST(PciSerial, AbsentWhenTheReadStopsBeforeTheExtendedSpace) {
  // A non-root read of sysfs config gets the first 64 bytes (256 on some kernels).
  for (std::size_t size : {0u, 64u, 256u, 0x14cu, 0x153u}) {
    EXPECT_EQ(find_device_serial(pci_config_space(42u, size)), std::nullopt) << size;
  }
}

TEST(PciSerial, AZeroOrAllOnesSerialIsNoSerial) {
  EXPECT_EQ(find_device_serial(pci_config_space(0u)), std::nullopt);
  EXPECT_EQ(find_device_serial(pci_config_space(~std::uint64_t{0})), std::nullopt);
}

TEST(PciSerial, ALoopingChainEnds) {
  std::string space = pci_config_space(std::nullopt);
  space[0x102] = 0x01;  // header 0x10010001: AER, version 1, next 0x100 (itself)
  space[0x103] = 0x10;
  EXPECT_EQ(find_device_serial(space), std::nullopt);
}

TEST(PciSerial, TheUuidIsTheSerialInHexMostSignificantFirst) {
  test::TempDir dir;
  dir.write("config", pci_config_space(0x00a1b2c3d4e5f607u));
  EXPECT_EQ(pci_serial_uuid(dir.path()), "pci-dsn-00a1b2c3d4e5f607");
  dir.write("config", pci_config_space(0x00a1b2c3d4e5f607u, 64));
  EXPECT_EQ(pci_serial_uuid(dir.path()), std::nullopt);
  EXPECT_EQ(pci_serial_uuid(dir.path() + "/absent"), std::nullopt);
}

}  // namespace
}  // namespace suanli::collectors
