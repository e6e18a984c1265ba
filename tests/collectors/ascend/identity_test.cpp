// The chips' uuids: die ids, the electronic label's serial number, the PCI serial number.
#include <filesystem>
#include <fstream>

#include "tests/collectors/ascend/fake_dcmi.hpp"
#include "tests/support/pci_config.hpp"

namespace suanli::ascend_test {
namespace {

using AscendIdentity = AscendBackendTest;

std::optional<std::string> uuid_of(const std::vector<DeviceInfo>& devices, const std::string& id) {
  for (const DeviceInfo& d : devices) {
    if (d.id == id) return d.uuid;
  }
  ADD_FAILURE() << "no device " << id;
  return std::nullopt;
}

TEST_F(AscendIdentity, TheVdieIdComesFirstThenTheNdieIdThenTheBoardSerialPerChip) {
  ASSERT_NO_FATAL_FAILURE(start("chip_uuids.json"));
  EXPECT_EQ(uuid_of(devices, "npu-0-0"),
            "ascend-vdie-12345678-9ABCDEF0-00000000-0000000F-FFFFFFFF");
  EXPECT_EQ(uuid_of(devices, "npu-1-0"),
            "ascend-ndie-00000001-00000002-00000003-00000004-00000005");
  // Two chips on one board share its serial number; the chip index tells them apart.
  EXPECT_EQ(uuid_of(devices, "npu-2-0"), "ascend-sn-2102313LNS10P3000125-chip0");
  EXPECT_EQ(uuid_of(devices, "npu-2-1"), "ascend-sn-2102313LNS10P3000125-chip1");
}

TEST_F(AscendIdentity, ZerosAndPlaceholdersAreNoIdentity) {
  ASSERT_NO_FATAL_FAILURE(start("chip_uuids.json"));
  EXPECT_EQ(uuid_of(devices, "npu-3-0"), std::nullopt);  // VDIE all zeros, serial "NA"
  EXPECT_EQ(uuid_of(devices, "npu-4-0"), std::nullopt);  // nothing at all
}

TEST_F(AscendIdentity, WithoutDcmiIdentityThePciSerialNumberOfTheChipIsUsed) {
  const std::string device = sysfs.path() + "/bus/pci/devices/0000:02:00.0";
  std::filesystem::create_directories(device);
  std::ofstream(device + "/config", std::ios::binary) << test::pci_config_space(0x19e5d802000042u);
  ASSERT_NO_FATAL_FAILURE(start("chip_uuids.json"));
  EXPECT_EQ(uuid_of(devices, "npu-4-0"), "pci-dsn-0019e5d802000042");
  EXPECT_EQ(uuid_of(devices, "npu-3-0"), std::nullopt);
}

TEST_F(AscendIdentity, AFailingIdentityCallGivesNoUuidAndAsksTheChipNothingMore) {
  ASSERT_NO_FATAL_FAILURE(start("chip_uuids.json"));
  // Card 5's dcmi_get_device_die_v2 answers INNER_ERR; its serial number is not read.
  EXPECT_EQ(uuid_of(devices, "npu-5-0"), std::nullopt);
  EXPECT_EQ(devices[index_of("npu-5-0")].model, "910B3");
}

TEST_F(AscendIdentity, ALibraryWithoutTheIdentityCallsGivesNoUuidAndNoError) {
  ASSERT_NO_FATAL_FAILURE(start("chip_uuids.json", SUANLI_FAKE_DCMI_MINIMAL));
  ASSERT_EQ(devices.size(), 7u);
  for (const DeviceInfo& d : devices)
    EXPECT_EQ(d.uuid, std::nullopt) << d.id;
}

TEST_F(AscendIdentity, TheUuidSurvivesARediscoveryThatCannotReadIt) {
  // From the second discovery on, card 0's die id call fails (INNER_ERR: the chip keeps its
  // description), card 1's is not supported (the chip is described again, without uuid), and
  // card 2 cannot count its chips (its known chips stay).
  ASSERT_NO_FATAL_FAILURE(start("identity_at_rediscovery.json"));
  const auto first = devices;
  ASSERT_EQ(first.size(), 3u);
  auto again = backend->discover();
  ASSERT_TRUE(again.ok()) << again.error();
  ASSERT_EQ(again->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(first[i].id);
    ASSERT_TRUE(first[i].uuid);
    EXPECT_EQ((*again)[i].uuid, first[i].uuid);
  }
  EXPECT_EQ(first[0].uuid, "ascend-vdie-00000001-00000001-00000001-00000001-00000001");
}

}  // namespace
}  // namespace suanli::ascend_test
