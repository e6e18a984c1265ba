#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

PrecisionMap fp16_only(double tflops) {
  PrecisionMap peaks;
  peaks[Precision::fp16] = tflops;
  return peaks;
}

TEST(CatalogResolve, UnknownDeviceHasEveryPeakAbsent) {
  DeviceIdentity id = by_pci("ffff:0001");
  id.name = "Mystery Accelerator 9000";
  id.units = 64;
  id.clock_mhz = 1500;
  const PeakResolution got = resolve(id);
  EXPECT_EQ(got.source, PeakSource::unknown);
  EXPECT_EQ(got.catalog_model, std::nullopt);
  EXPECT_EQ(got.matched_by, std::nullopt);
  for (Precision p : kAllPrecisions)
    EXPECT_FALSE(got.peak_tflops[p].has_value()) << to_string(p);
}

TEST(CatalogResolve, OverrideByPciIdWinsOverCatalog) {
  const PeakResolution got = resolve(by_pci("10de:2330"), {{"10de:2330", fp16_only(900)}});
  EXPECT_EQ(got.source, PeakSource::config);
  EXPECT_EQ(got.peak_tflops, fp16_only(900));
  EXPECT_EQ(got.catalog_model, "H100 SXM5 80GB");
  EXPECT_EQ(got.matched_by, MatchKind::pci);
}

TEST(CatalogResolve, OverrideByNameIsCaseInsensitive) {
  const PeakOverrides overrides = {{"nvidia h20", fp16_only(140)}};
  const PeakResolution got = resolve(by_name("NVIDIA H20"), overrides);
  EXPECT_EQ(got.source, PeakSource::config);
  EXPECT_EQ(got.peak_tflops, fp16_only(140));
  EXPECT_EQ(resolve(by_name("NVIDIA H20 "), overrides).source, PeakSource::unknown);
}

TEST(CatalogResolve, OverrideForADeviceTheCatalogLacks) {
  const PeakResolution got = resolve(by_pci("1E3E:0001"), {{"1e3e:0001", fp16_only(50)}});
  EXPECT_EQ(got.source, PeakSource::config);
  EXPECT_EQ(got.catalog_model, std::nullopt);
}

TEST(CatalogResolve, OverrideForAnotherDeviceDoesNotApply) {
  const PeakResolution got = resolve(by_pci("10de:2330"), {{"10de:2331", fp16_only(1)}});
  EXPECT_EQ(got.source, PeakSource::catalog);
}

TEST(CatalogResolve, CatalogBeatsDerivation) {
  DeviceIdentity id = by_pci("10de:2330", 132);
  id.arch = Arch::nvidia_sm90;
  id.clock_mhz = 1980;
  const PeakResolution got = resolve(id);
  EXPECT_EQ(got.source, PeakSource::catalog);
  EXPECT_EQ(got.peak_tflops[Precision::fp16], 989.4);
}

}  // namespace
}  // namespace suanli::catalog_test
