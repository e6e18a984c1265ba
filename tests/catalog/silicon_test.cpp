// Derivation by the datasheet convention: a device of the same silicon as a catalog row gets
// that row's stated figure scaled by its unit count, never above it (collectors/catalog/README.md).
#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

DeviceIdentity hopper(std::string pci, int sms) {
  DeviceIdentity id = by_pci(std::move(pci), sms);
  id.name = "NVIDIA H100";
  id.arch = Arch::nvidia_sm90;
  id.clock_mhz = 1980;  // NVML's max SM clock: not the datasheet's reference clock
  id.clock_basis = "max SM clock";
  return id;
}

double fp16(const PeakResolution& r) {
  return r.peak_tflops[Precision::fp16].value();
}

TEST(CatalogSilicon, H100Sxm94GbIsTheH100RowNotItsMaxBoost) {
  const PeakResolution got = resolve(hopper("10de:2339", 132));
  EXPECT_EQ(got.source, PeakSource::derived);
  EXPECT_EQ(fp16(got), 989.4) << "132 SM x 4096 x 1980 MHz would be 1070.5";
  EXPECT_EQ(got.peak_tflops[Precision::fp64], 33.5);
  EXPECT_EQ(got.basis,
            "scaled from catalog row 'H100 SXM5 80GB' by 132/132 SM (same silicon, sm_90)");
  EXPECT_EQ(got.confidence, PeakConfidence::medium) << "one level below the row's high";
  EXPECT_TRUE(got.unknown.empty());
}

TEST(CatalogSilicon, Gh200HasItsOwnRowAndAVariantWithoutOneScales) {
  const PeakResolution row = resolve(hopper("10de:2342", 132));
  EXPECT_EQ(row.source, PeakSource::catalog);
  EXPECT_EQ(row.catalog_model, "GH200 (Hopper GPU of the Grace Hopper superchip)");
  EXPECT_EQ(fp16(row), 989.4);
  EXPECT_EQ(row.confidence, PeakConfidence::medium);
  DeviceIdentity variant = hopper("10de:2348", 132);
  variant.name = "NVIDIA GH200 144G HBM3e variant";
  EXPECT_EQ(fp16(resolve(variant)), 989.4);
}

TEST(CatalogSilicon, APciePartTakesTheClosestRowAtOrAboveItsUnits) {
  EXPECT_EQ(fp16(resolve(hopper("10de:23ff", 114))), 756.5) << "H100 PCIe's 114 SM";
  const PeakResolution fewer = resolve(hopper("10de:23ff", 100));
  EXPECT_DOUBLE_EQ(fp16(fewer), 756.5 * 100 / 114);
  EXPECT_EQ(fewer.basis,
            "scaled from catalog row 'H100 PCIe 80GB' by 100/114 SM (same silicon, sm_90)");
  EXPECT_EQ(fewer.confidence, PeakConfidence::medium);
}

TEST(CatalogSilicon, MoreUnitsThanAnyRowNeverExceedsTheLargestRow) {
  const PeakResolution got = resolve(hopper("10de:23ff", 144));  // a full GH100
  EXPECT_EQ(fp16(got), 989.4);
  EXPECT_EQ(got.basis,
            "catalog row 'H100 SXM5 80GB' (132 SM) unscaled: the device's 144 units exceed every "
            "row of its silicon");
}

TEST(CatalogSilicon, AnExportCappedRowIsNeverTheReference) {
  // H20 has 78 SMs but its figures are capped; the reference is H100 PCIe's rate per SM.
  EXPECT_DOUBLE_EQ(fp16(resolve(hopper("10de:23ff", 78))), 756.5 * 78 / 114);
}

TEST(CatalogSilicon, WithoutASameSiliconRowTheRatesAndClockDerive) {
  DeviceIdentity id = by_name("Ampere GA10x part", 80);
  id.arch = Arch::nvidia_sm86;
  id.clock_mhz = 1000;
  id.clock_basis = "max SM clock";
  const PeakResolution same = resolve(id);
  EXPECT_EQ(same.source, PeakSource::derived);
  EXPECT_TRUE(same.basis.starts_with("scaled from catalog row 'A40 48GB'")) << same.basis;

  const auto lone = Catalog::from_json(
      R"json({"accelerators": [{"model": "A100", "arch": "Ampere GA100 (sm_80)", "units": 108,
          "tflops": {"fp16": 312}, "confidence": "high"}]})json",
      "test");
  ASSERT_TRUE(lone.ok()) << lone.error();
  const PeakResolution got = resolve_peaks(*lone, id, {});
  EXPECT_EQ(got.source, PeakSource::derived);
  EXPECT_DOUBLE_EQ(fp16(got), 80 * 1024 * 1000 / 1e6);
  EXPECT_EQ(got.basis, "80 units x 1000 MHz (max SM clock) x 1024 FLOP/cycle fp16 (sm_86 rates)");
  EXPECT_EQ(got.confidence, PeakConfidence::low);
  EXPECT_TRUE(got.unknown.empty()) << "every rate sm_86 has is derived";
  EXPECT_FALSE(got.peak_tflops[Precision::fp8].has_value()) << "sm_86 has no fp8 rate";
  EXPECT_FALSE(got.peak_tflops[Precision::fp64_tensor].has_value());
}

TEST(CatalogSilicon, H200NvlStatesTheDatasheetFigureAtLowConfidence) {
  const PeakResolution got = resolve(hopper("10de:233b", 132));
  EXPECT_EQ(got.source, PeakSource::catalog);
  EXPECT_EQ(fp16(got), 835.5) << "not 965.1 from the max clock";
  EXPECT_EQ(got.confidence, PeakConfidence::low);
  EXPECT_EQ(got.basis, "catalog row 'H200 NVL 141GB' matched by pci '10de:233b'");
}

TEST(CatalogUnknownPrecision, AnEmptyFigureIsUnknownUnlessTheSiliconHasNoSuchRate) {
  const PeakResolution h800 = resolve(by_name("NVIDIA H800", 132));
  EXPECT_FALSE(h800.peak_tflops[Precision::fp32].has_value());
  EXPECT_TRUE(h800.unknown.contains(Precision::fp32)) << "Hopper has an fp32 rate";
  EXPECT_FALSE(h800.unknown.contains(Precision::fp16));

  const PeakResolution a100 = resolve(by_pci("10de:20b2", 108));
  EXPECT_FALSE(a100.peak_tflops[Precision::fp8].has_value());
  EXPECT_FALSE(a100.unknown.contains(Precision::fp8)) << "Ampere GA100 has no fp8";

  const PeakResolution ascend = resolve(by_name("910B"));
  EXPECT_EQ(ascend.peak_tflops[Precision::fp16], 320.0);
  EXPECT_TRUE(ascend.unknown.contains(Precision::bf16)) << "no known arch: every gap is unknown";
  EXPECT_EQ(ascend.confidence, PeakConfidence::low);
}

TEST(CatalogUnknownPrecision, An910BVariantIsNamedByItsRowAndUnknown) {
  for (const char* name : {"910B1", "910B2", "910B3", "910B4", "910B4-1"}) {
    DeviceIdentity id = by_name(name, 20);
    id.pci_id = "19e5:d802";
    id.arch = Arch::ascend_davinci;
    id.clock_mhz = 1800;
    const PeakResolution got = resolve(id);
    EXPECT_EQ(got.source, PeakSource::unknown) << name;
    ASSERT_TRUE(got.catalog_model.has_value()) << name;
    EXPECT_TRUE(got.catalog_model->starts_with("Ascend 910B")) << *got.catalog_model;
    EXPECT_NE(*got.catalog_model, "Ascend 910B (family; Atlas A2)") << name;
    EXPECT_EQ(got.confidence, std::nullopt);
    EXPECT_EQ(got.unknown, PrecisionSet::all()) << name;
  }
}

TEST(CatalogUnknownPrecision, DomesticRowsMatchByTheirManagementLibraryNames) {
  const std::pair<DeviceIdentity, const char*> cases[] = {
      {by_pci("1d94:6211"), "DCU K100_AI"},  {by_name("K100_AI"), "DCU K100_AI"},
      {by_name("Z100"), "DCU Z100 / Z100L"}, {by_name("K100"), "DCU K100"},
      {by_name("MLU370-S4"), "MLU370-S4"},   {by_name("MLU590"), "MLU590"},
      {by_name("P800"), "P800 (3rd gen)"},   {by_name("R200"), "R200 (Kunlun 2nd gen, PCIe)"},
      {by_pci("9999:0a01"), "MetaX C500"},   {by_name("Iluvatar BI-V150"), "Iluvatar BI-V150"},
  };
  for (const auto& [id, model] : cases) {
    EXPECT_EQ(found_model(id), model) << model;
  }
}

}  // namespace
}  // namespace suanli::catalog_test
