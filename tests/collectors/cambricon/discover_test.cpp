#include "tests/collectors/cambricon/fake_cndev.hpp"

namespace suanli::cambricon_test {
namespace {

using CambriconDiscover = CambriconTest;

TEST_F(CambriconDiscover, FourMlusWithTheirIdentity) {
  ASSERT_NO_FATAL_FAILURE(start("four_mlu370.json"));
  ASSERT_EQ(devices.size(), 4u);
  const DeviceInfo& d = devices[1];
  EXPECT_EQ(d.id, "MLU-6a1e2b3c-0000-4c5d-8e9f-000000000002");
  EXPECT_EQ(d.uuid, d.id);
  EXPECT_EQ(d.device_class, DeviceClass::accelerator);
  EXPECT_EQ(d.vendor, "Cambricon");
  EXPECT_EQ(d.model, "MLU370-S4");
  EXPECT_EQ(d.identity.name, "MLU370-S4");
  EXPECT_EQ(d.identity.pci_id, "cabc:0370");
  EXPECT_EQ(d.bus_id, "0000:3d:00.0");
  EXPECT_EQ(d.units, 16u);
  EXPECT_EQ(d.identity.units, 16);
  EXPECT_EQ(d.memory_total_bytes, 49152 * kMiB);
  EXPECT_EQ(d.max_clock_mhz, 1300.0);
  EXPECT_EQ(d.identity.clock_mhz, 1300.0);
  EXPECT_EQ(d.identity.arch, std::nullopt);  // no per-core rates are known for MLUs
  EXPECT_EQ(devices[3].bus_id, "0000:b1:00.0");
}

TEST_F(CambriconDiscover, WithoutAUuidTheIdIsTheBusIdElseTheIndex) {
  ASSERT_NO_FATAL_FAILURE(start_text(R"({"devices": [
    {"name": "MLU590", "pcie": {"vendor": "cabc", "device": "0590", "bus": "4f"}},
    {"name": "MLU590"}]})"));
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].uuid, std::nullopt);
  EXPECT_EQ(devices[0].id, "cambricon-0000:4f:00.0");
  EXPECT_EQ(devices[1].id, "cambricon-1");
  EXPECT_EQ(devices[1].identity.pci_id, std::nullopt);
  EXPECT_EQ(devices[1].identity.name, "MLU590");
}

TEST_F(CambriconDiscover, AFullUuidArrayWithoutTerminatorIsReadWhole) {
  // 37 characters fill cndevUUID_t.uuid with no NUL after them.
  const std::string uuid = "0123456789abcdef0123456789abcdef01234";
  ASSERT_NO_FATAL_FAILURE(start_text(R"({"devices": [{"uuid": ")" + uuid + R"("}]})"));
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].uuid, "MLU-" + uuid);
}

TEST_F(CambriconDiscover, AnUnnamedMluIsAGenericModelWithoutACatalogName) {
  ASSERT_NO_FATAL_FAILURE(start_text(R"({"devices": [{"uuid": "0000"}, {"cores": 4}]})"));
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].model, "Cambricon MLU");
  EXPECT_EQ(devices[0].identity.name, std::nullopt);
  EXPECT_EQ(devices[0].uuid, std::nullopt);  // all zeros is no identity
  EXPECT_EQ(devices[0].units, std::nullopt);
  EXPECT_EQ(devices[0].memory_total_bytes, std::nullopt);
  EXPECT_EQ(devices[1].units, 4u);
}

TEST_F(CambriconDiscover, NoMlusIsAnEmptyListNotAnError) {
  ASSERT_NO_FATAL_FAILURE(start_text(R"({"devices": []})"));
  EXPECT_TRUE(devices.empty());
}

}  // namespace
}  // namespace suanli::cambricon_test
