#include <gtest/gtest.h>

#include "collectors/nvml/nvml_identity.hpp"
#include "collectors/nvml/nvml_probe.hpp"

namespace suanli::collectors::nvml {
namespace {

TEST(NvmlHelpers, PciIdIsVendorColonDeviceInLowerCase) {
  EXPECT_EQ(pci_id_text(0x233010DE), "10de:2330");
  EXPECT_EQ(pci_id_text(0x20B010DE), "10de:20b0");
}

TEST(NvmlHelpers, BusIdIsTheSysfsForm) {
  PciInfo pci{};
  pci.domain = 0;
  pci.bus = 0x3b;
  pci.device = 0;
  EXPECT_EQ(bus_id_text(pci), "0000:3b:00.0");
  pci.domain = 0x10002;
  EXPECT_EQ(bus_id_text(pci), "10002:3b:00.0");
}

TEST(NvmlHelpers, SmCountFromCudaCores) {
  EXPECT_EQ(sm_count_from_cores(16896, 9, 0), 132);  // H100 SXM5
  EXPECT_EQ(sm_count_from_cores(6912, 8, 0), 108);   // A100
  EXPECT_EQ(sm_count_from_cores(10496, 8, 6), 82);   // RTX 3090
  EXPECT_EQ(sm_count_from_cores(16384, 8, 9), 128);  // RTX 4090
  EXPECT_EQ(sm_count_from_cores(5120, 7, 0), 80);    // V100
  EXPECT_EQ(sm_count_from_cores(100, 9, 0), std::nullopt);
  EXPECT_EQ(sm_count_from_cores(0, 9, 0), std::nullopt);
  EXPECT_EQ(sm_count_from_cores(3840, 6, 1), std::nullopt);
}

TEST(NvmlHelpers, FixedStringStopsAtTheBufferEnd) {
  char unterminated[4] = {'a', 'b', 'c', 'd'};
  EXPECT_EQ(fixed_string(unterminated, sizeof unterminated), "abcd");
  EXPECT_EQ(fixed_string("ab\0cd", 5), "ab");
}

TEST(NvmlHelpers, ReturnCodesClassify) {
  EXPECT_EQ(classify(Return::gpu_is_lost).fault, Fault::device);
  EXPECT_EQ(classify(Return::gpu_is_lost).reason, "gpu_lost");
  EXPECT_EQ(classify(Return::lib_rm_version_mismatch).fault, Fault::driver);
  EXPECT_EQ(classify(Return::driver_not_loaded).fault, Fault::driver);
  EXPECT_EQ(classify(Return::uninitialized).fault, Fault::driver);
  EXPECT_EQ(classify(Return::not_supported).fault, Fault::none);
  EXPECT_EQ(classify(Return::no_permission).fault, Fault::none);
  EXPECT_EQ(classify(static_cast<Return>(123)).fault, Fault::none);
}

int calls = 0;
Return fine() {
  ++calls;
  return Return::success;
}
Return lost() {
  ++calls;
  return Return::gpu_is_lost;
}

TEST(NvmlHelpers, AProbeStopsCallingAfterTheFirstFault) {
  Probe probe;
  calls = 0;
  EXPECT_TRUE(probe.call(fine));
  EXPECT_FALSE(probe.call(lost));
  EXPECT_FALSE(probe.call(fine));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(probe.unhealthy(), "gpu_lost");
  EXPECT_EQ(probe.code(), Return::gpu_is_lost);
}

TEST(NvmlHelpers, AProbeTreatsAMissingEntryPointAsAbsent) {
  Probe probe;
  EXPECT_FALSE(probe.call<Return()>(nullptr));
  EXPECT_FALSE(probe.failed());
}

}  // namespace
}  // namespace suanli::collectors::nvml
