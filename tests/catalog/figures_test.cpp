#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

void expect_peak(const DeviceIdentity& id, Precision p, double tflops, const std::string& model) {
  const PeakResolution got = resolve(id);
  EXPECT_EQ(got.source, PeakSource::catalog);
  EXPECT_EQ(got.catalog_model, model);
  ASSERT_TRUE(got.peak_tflops[p].has_value()) << model << " " << to_string(p);
  EXPECT_DOUBLE_EQ(*got.peak_tflops[p], tflops) << model << " " << to_string(p);
}

TEST(CatalogFigures, NvidiaDatasheetFigures) {
  expect_peak(by_pci("10de:2330"), Precision::fp16, 989.4, "H100 SXM5 80GB");
  expect_peak(by_name("NVIDIA H20"), Precision::fp16, 148, "H20 96GB");
  expect_peak(by_pci("10de:20f3"), Precision::fp16, 312, "A800 SXM4 80GB");
}

TEST(CatalogFigures, H800AndH100ToldApartByPciId) {
  expect_peak(by_pci("10de:2324"), Precision::fp64, 1, "H800 SXM 80GB");
  expect_peak(by_pci("10de:2330"), Precision::fp64, 33.5, "H100 SXM5 80GB");
}

TEST(CatalogFigures, Mi250xCountsEachGcd) {
  const std::string gcd = "Instinct MI250X (per GCD, as enumerated)";
  expect_peak(by_pci("1002:740c", 110), Precision::fp16, 191.5, gcd);
  expect_peak(by_pci("1002:7408"), Precision::fp16, 191.5, gcd);
  expect_peak(by_name("AMD Instinct MI250X"), Precision::fp16, 191.5, gcd);
}

TEST(CatalogFigures, Mi250PickedByCuCount) {
  expect_peak(by_pci("1002:740C", 104), Precision::fp16, 181.05,
              "Instinct MI250 (per GCD, as enumerated)");
}

TEST(CatalogFigures, SharedPciIdWithoutCuCountPicksNothing) {
  EXPECT_EQ(found_model(by_pci("1002:740c")), std::nullopt);
  EXPECT_EQ(found_model(by_pci("1002:740c", 120)), std::nullopt);
  EXPECT_EQ(found_model(by_pci("1002:740c", 220)), std::nullopt) << "the per-OAM row is never used";
  const PeakResolution got = resolve(by_name("AMD Instinct MI250X / MI250"));
  EXPECT_EQ(got.source, PeakSource::unknown);
  EXPECT_TRUE(got.peak_tflops.empty());
}

TEST(CatalogFigures, RowWithOnlyDerivedFiguresIsTaggedDerived) {
  const PeakResolution got = resolve(by_pci("10de:20bd"));
  EXPECT_EQ(got.source, PeakSource::derived);
  EXPECT_EQ(got.catalog_model, "A800 SXM4 40GB");
  EXPECT_EQ(got.peak_tflops[Precision::fp16], 312);
}

TEST(CatalogFigures, StatedAndDerivedAreNeverMixed) {
  const CatalogRow& h800 = row_named("H800 SXM 80GB");
  ASSERT_TRUE(h800.derived_tflops[Precision::fp32].has_value());
  const PeakResolution got = resolve(by_pci("10de:2324"));
  EXPECT_EQ(got.source, PeakSource::catalog);
  EXPECT_EQ(got.peak_tflops, h800.tflops);
  EXPECT_FALSE(got.peak_tflops[Precision::fp32].has_value());
}

TEST(CatalogFigures, PeakSourceWireWords) {
  EXPECT_EQ(to_string(PeakSource::catalog), "catalog");
  EXPECT_EQ(to_string(PeakSource::derived), "derived");
  EXPECT_EQ(to_string(PeakSource::config), "config");
  EXPECT_EQ(to_string(PeakSource::unknown), "unknown");
}

}  // namespace
}  // namespace suanli::catalog_test
