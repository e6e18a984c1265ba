#include "collectors/catalog/peaks.hpp"

#include "tests/collectors/ascend/fake_dcmi.hpp"

namespace suanli::ascend_test {
namespace {

using AscendPeaks = AscendBackendTest;

PeakResolution peaks_of(const DeviceInfo& d) {
  return resolve_peaks(Catalog::builtin().value(), d.identity, {});
}

// collectors/catalog/catalog.json, row "Ascend 910B3" (ref_row 42): 20 AI cores, no public
// dense figure, so the chip is named by its row and its peak is unknown in every precision,
// not the family placeholder's 320 TFLOPS (collectors/catalog/additions.json).
void expect_910b3_row(const PeakResolution& got) {
  EXPECT_EQ(got.source, PeakSource::unknown);
  EXPECT_EQ(got.catalog_model, "Ascend 910B3");
  EXPECT_TRUE(got.peak_tflops.empty());
  EXPECT_EQ(got.unknown, PrecisionSet::all());
  EXPECT_EQ(got.basis,
            "catalog row 'Ascend 910B3' matched by name '910B3', which states no figure");
}

TEST_F(AscendPeaks, A910B3IsNamedByItsVariantRowNotTheFamilyFigure) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  for (const DeviceInfo& d : devices) {
    SCOPED_TRACE(d.id);
    const PeakResolution got = peaks_of(d);
    expect_910b3_row(got);
    EXPECT_EQ(got.matched_by, MatchKind::name) << "19e5:d802 is shared by every variant";
  }
}

TEST_F(AscendPeaks, WithoutPcieInfoTheChipNameMatches) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json", SUANLI_FAKE_DCMI_MINIMAL));
  expect_910b3_row(peaks_of(devices.front()));
}

TEST_F(AscendPeaks, AnA3DieGetsTheDerivedPerDieRow) {
  // Row "Ascend 910C (per die; Atlas A3 / CloudMatrix 384)", pci 19e5:d803: no stated figures;
  // derived_tflops FP16 = BF16 = 390.6 (300 PFLOPS / 384 packages / 2 dies), source derived.
  ASSERT_NO_FATAL_FAILURE(start("a3_gapped_cards.json"));
  const PeakResolution got = peaks_of(devices.front());
  EXPECT_EQ(got.source, PeakSource::derived);
  EXPECT_EQ(got.catalog_model, "Ascend 910C (per die; Atlas A3 / CloudMatrix 384)");
  EXPECT_EQ(got.peak_tflops[Precision::fp16], 390.6);
  EXPECT_EQ(got.peak_tflops[Precision::bf16], 390.6);
}

TEST_F(AscendPeaks, AnUnknownChipIsDerivedFromAiCoresAndClockOrLeftUnknown) {
  ASSERT_NO_FATAL_FAILURE(start("identities.json"));
  // 24 AI cores x 8192 FP16 FLOP/clock (Da Vinci, collectors/catalog/README.md) x 1800 MHz.
  const PeakResolution derived = peaks_of(devices[index_of("npu-2-0")]);
  EXPECT_EQ(derived.source, PeakSource::derived);
  EXPECT_EQ(derived.catalog_model, std::nullopt);
  EXPECT_DOUBLE_EQ(derived.peak_tflops[Precision::fp16].value(), 24 * 8192 * 1800 / 1e6);
  // The same chip without an AI-core clock: nothing to derive from.
  EXPECT_EQ(peaks_of(devices[index_of("npu-3-0")]).source, PeakSource::unknown);
}

}  // namespace
}  // namespace suanli::ascend_test
