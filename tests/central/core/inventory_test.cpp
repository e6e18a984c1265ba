// The reduction of births and windows to what the indicator needs.

#include "central/core/inventory.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::accelerator;
using test::header;

TEST(Inventory, KeepsEachDevicesClassSourceSliceRoleAndPeakInUnits) {
  wire::Device gpu = accelerator("g0", 10.123456789);
  wire::Device mig = test::slice(gpu, "g0-mig0", 0.5);
  wire::Device cpu = test::cpu("cpu0", 2.5, PeakSource::derived);
  wire::Birth b = test::birth(header("sz-aicc", "n1", 3, 7), {gpu, mig, cpu}, "gyq");
  Inventory inv = Inventory::of(b);
  EXPECT_EQ(inv.boot, 3u);
  EXPECT_EQ(inv.seq, 7u);
  EXPECT_EQ(inv.district, "gyq");
  ASSERT_EQ(inv.devices.size(), 3u);
  EXPECT_EQ(inv.devices[0].id, "g0");
  EXPECT_TRUE(inv.devices[0].has_slices);
  EXPECT_FALSE(inv.devices[0].slice);
  EXPECT_TRUE(inv.devices[1].slice);
  EXPECT_FALSE(inv.devices[1].has_slices);
  EXPECT_EQ(inv.devices[2].device_class, DeviceClass::cpu);
  EXPECT_EQ(inv.devices[2].peak_source, PeakSource::derived);
  for (std::size_t i = 0; i < b.devices.size(); ++i) {
    for (Precision p : kAllPrecisions)
      EXPECT_EQ(inv.devices[i].claimed[p], to_units(b.devices[i].peak_tflops[p])) << i;
  }
  for (Precision p : kAllPrecisions) {
    EXPECT_EQ(inv.devices[0].peak[p], inv.devices[0].claimed[p]);         // unverified, as claimed
    EXPECT_EQ(inv.devices[1].peak[p], (inv.devices[0].peak[p] + 1) / 2);  // half its parent
  }
}

// Devices of one model are looked up in the catalog once per birth: each is still judged as it
// would be alone, on its own claim.
TEST(Inventory, JudgesEachDeviceOfAModelAsItWouldBeAlone) {
  wire::Device other_units = test::h100("g3");
  other_units.units = 114;
  const std::vector<wire::Device> devices = {
      test::h100("g0"),      test::h100("g1", 1200), test::h100("g2"),     other_units,
      accelerator("g4", 10), test::h100("g5", 1200), test::h100("g6", 1e9)};
  const Inventory inv = Inventory::of(test::birth(header("sz-aicc", "n1", 1, 0), devices));
  ASSERT_EQ(inv.devices.size(), devices.size());
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const Inventory alone = Inventory::of(test::birth(header("sz-aicc", "n1", 1, 0), {devices[i]}));
    EXPECT_EQ(inv.devices[i], alone.devices[0]) << i;
  }
  EXPECT_EQ(inv.devices[1].check.mismatched, bit(Precision::fp16));
  EXPECT_EQ(inv.devices[2].check.mismatched, 0);
  EXPECT_NE(inv.devices[6].check.mismatched, 0);
}

TEST(WindowFigures, KeepsTheHealthyDevicesAchievedByIdAndTheFirstOfARepeatedId) {
  std::vector<wire::Device> devs = {accelerator("g1", 100), accelerator("g0", 50),
                                    accelerator("g2", 10)};
  wire::Data w = test::data(header("sz-aicc", "n1", 1, 0), devs, 0.25, {"g2"});
  wire::DeviceWindow repeat = w.devices[0];
  repeat.achieved_tflops = PrecisionMap{};
  w.devices.push_back(repeat);
  WindowFigures f = WindowFigures::of(w);
  ASSERT_EQ(f.healthy.size(), 2u);
  EXPECT_EQ(f.healthy[0].id, "g0");
  EXPECT_EQ(f.healthy[1].id, "g1");
  ASSERT_NE(f.find("g1"), nullptr);
  for (Precision p : kAllPrecisions)
    EXPECT_EQ(f.find("g1")->achieved[p], to_units(w.devices[0].achieved_tflops[p]));
  EXPECT_GT(f.find("g1")->achieved[Precision::fp16], 0);
  EXPECT_EQ(f.find("g2"), nullptr);  // unhealthy
  EXPECT_EQ(f.find("g3"), nullptr);  // not in the window
}

}  // namespace
}  // namespace suanli::central
