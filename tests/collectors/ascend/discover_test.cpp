#include "tests/collectors/ascend/fake_dcmi.hpp"

namespace suanli::ascend_test {
namespace {

using AscendDiscover = AscendBackendTest;

TEST_F(AscendDiscover, Atlas800TA2ListsEveryChipWithItsIdentity) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  EXPECT_EQ(ids(), (std::vector<std::string>{"npu-0-0", "npu-1-0", "npu-2-0", "npu-3-0", "npu-4-0",
                                             "npu-5-0", "npu-6-0", "npu-7-0"}));
  for (const DeviceInfo& d : devices) {
    SCOPED_TRACE(d.id);
    EXPECT_EQ(d.device_class, DeviceClass::accelerator);
    EXPECT_EQ(d.vendor, "Huawei");
    EXPECT_EQ(d.model, "910B3");
    EXPECT_EQ(d.identity.name, "910B3");
    EXPECT_EQ(d.identity.pci_id, "19e5:d802");
    EXPECT_EQ(d.identity.arch, Arch::ascend_davinci);
    EXPECT_EQ(d.identity.units, 20);
    EXPECT_EQ(d.units, 20u);
    EXPECT_EQ(d.identity.clock_mhz, 1800.0);
    EXPECT_EQ(d.max_clock_mhz, 1800.0);
    EXPECT_EQ(d.memory_total_bytes, 65536 * kMiB);
    EXPECT_EQ(d.uuid, std::nullopt);
    EXPECT_EQ(d.parent, std::nullopt);
  }
  EXPECT_EQ(devices.front().bus_id, "0000:c1:00.0");
  EXPECT_EQ(devices.back().bus_id, "0000:42:00.0");
}

TEST_F(AscendDiscover, CardIdsComeFromTheCardListAndEachChipIsADevice) {
  ASSERT_NO_FATAL_FAILURE(start("a3_gapped_cards.json"));
  // Cards 0, 2, 5, 7 with two dies each; card 7's MCU (unit type 1) is no device.
  EXPECT_EQ(ids(), (std::vector<std::string>{"npu-0-0", "npu-0-1", "npu-2-0", "npu-2-1", "npu-5-0",
                                             "npu-5-1", "npu-7-0", "npu-7-1"}));
  for (const DeviceInfo& d : devices) {
    EXPECT_EQ(d.model, "Ascend910") << d.id;
    EXPECT_EQ(d.identity.pci_id, "19e5:d803") << d.id;
    EXPECT_EQ(d.memory_total_bytes, 65536 * kMiB) << d.id;
  }
  EXPECT_EQ(devices[5].bus_id, "0000:06:00.0");
}

TEST_F(AscendDiscover, WhatTheLibraryDoesNotSayStaysUnknown) {
  ASSERT_NO_FATAL_FAILURE(start("identities.json"));
  // Card 1: no PCIe info, no HBM, no clock, and no chip_info_v2 (read through chip_info).
  const DeviceInfo& d = devices[index_of("npu-1-0")];
  EXPECT_EQ(d.model, "910B4");
  EXPECT_EQ(d.identity.name, "910B4");
  EXPECT_EQ(d.units, 20u);
  EXPECT_EQ(d.identity.pci_id, std::nullopt);
  EXPECT_EQ(d.bus_id, std::nullopt);
  EXPECT_EQ(d.memory_total_bytes, std::nullopt);
  EXPECT_EQ(d.max_clock_mhz, std::nullopt);
  EXPECT_EQ(d.identity.clock_mhz, std::nullopt);
}

TEST_F(AscendDiscover, ACardThatCannotCountItsChipsIsLeftOut) {
  ASSERT_NO_FATAL_FAILURE(start("call_errors.json"));
  EXPECT_EQ(ids(), (std::vector<std::string>{"npu-0-0", "npu-1-0", "npu-2-0", "npu-3-0"}));
}

TEST_F(AscendDiscover, ChipsFailingAtARediscoveryKeepTheirDescription) {
  // From the second discovery on, card 1's chip cannot name itself nor give its HBM (INNER_ERR),
  // and card 2 cannot count its chips (DEVICE_NOT_EXIST).
  ASSERT_NO_FATAL_FAILURE(start("failing_at_rediscovery.json"));
  ASSERT_EQ(ids(), (std::vector<std::string>{"npu-0-0", "npu-1-0", "npu-2-0"}));
  const auto first = devices;
  auto again = backend->discover();
  ASSERT_TRUE(again.ok()) << again.error();
  ASSERT_EQ(again->size(), 3u) << "installed capacity must not vanish with a failing chip";
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(first[i].id);
    EXPECT_EQ((*again)[i].id, first[i].id);
    EXPECT_EQ((*again)[i].model, "910B3");
    EXPECT_EQ((*again)[i].identity.pci_id, "19e5:d802");
    EXPECT_EQ((*again)[i].memory_total_bytes, 65536 * kMiB);
  }
  EXPECT_FALSE(backend->sample(0).unhealthy);
}

}  // namespace
}  // namespace suanli::ascend_test
