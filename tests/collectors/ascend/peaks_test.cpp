#include "collectors/catalog/peaks.hpp"

#include "tests/collectors/ascend/fake_dcmi.hpp"

namespace suanli::ascend_test {
namespace {

using AscendPeaks = AscendBackendTest;

PeakResolution peaks_of(const DeviceInfo& d) {
  return resolve_peaks(Catalog::builtin().value(), d.identity, {});
}

// collectors/catalog/catalog.json, row "Ascend 910B (family; Atlas A2)" (ref_row 40; pci
// 19e5:d802; names 910B, 910B1-910B4): FP16 320 TFLOPS, INT8 640 TOPS, nothing else stated;
// confidence low, from the datasheet quick reference in ArthurChiao's "GPU data sheets" post.
constexpr const char* k910BRow = "Ascend 910B (family; Atlas A2)";

void expect_910b_figures(const PeakResolution& got) {
  EXPECT_EQ(got.source, PeakSource::catalog);
  EXPECT_EQ(got.catalog_model, k910BRow);
  EXPECT_EQ(got.peak_tflops[Precision::fp16], 320.0);
  EXPECT_EQ(got.peak_tflops[Precision::int8], 640.0);
  EXPECT_EQ(got.peak_tflops[Precision::fp32], std::nullopt);
  EXPECT_EQ(got.peak_tflops[Precision::bf16], std::nullopt);
}

TEST_F(AscendPeaks, A910B3MatchesTheCatalogRowByPciId) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json"));
  for (const DeviceInfo& d : devices) {
    SCOPED_TRACE(d.id);
    const PeakResolution got = peaks_of(d);
    expect_910b_figures(got);
    EXPECT_EQ(got.matched_by, MatchKind::pci);
  }
}

TEST_F(AscendPeaks, WithoutPcieInfoTheChipNameMatches) {
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json", SUANLI_FAKE_DCMI_MINIMAL));
  const PeakResolution got = peaks_of(devices.front());
  expect_910b_figures(got);
  EXPECT_EQ(got.matched_by, MatchKind::name);
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
  // 24 AI cores x 8192 FP16 FLOP/clock (Da Vinci, catalog.md §3) x 1800 MHz.
  const PeakResolution derived = peaks_of(devices[index_of("npu-2-0")]);
  EXPECT_EQ(derived.source, PeakSource::derived);
  EXPECT_EQ(derived.catalog_model, std::nullopt);
  EXPECT_DOUBLE_EQ(derived.peak_tflops[Precision::fp16].value(), 24 * 8192 * 1800 / 1e6);
  // The same chip without an AI-core clock: nothing to derive from.
  EXPECT_EQ(peaks_of(devices[index_of("npu-3-0")]).source, PeakSource::unknown);
}

}  // namespace
}  // namespace suanli::ascend_test
