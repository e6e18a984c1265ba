// Central's judgement of a birth's peaks against its own catalog: verified, corrected, unverified
// and implausible, per precision.

#include "central/core/peak_check.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace suanli::central {
namespace {

// The catalog's H100 SXM5 80GB row (10de:2330), as the agent reports it.
wire::Device h100(std::optional<std::string> pci_id = "10de:2330") {
  wire::Device d = test::h100("gpu0");
  d.pci_id = std::move(pci_id);
  return d;
}

PeakCheck check(const wire::Device& d) {
  PrecisionUnits claimed;
  claimed.add(d.peak_tflops);
  return PeakChecker::builtin().check(d, claimed);
}

constexpr PrecisionMask kAll = 0xff;

TEST(PeakCheck, TheCatalogsOwnFiguresAreVerifiedWithTheRowsConfidence) {
  const PeakCheck c = check(h100());
  EXPECT_EQ(c.verdict, Verdict::verified);
  EXPECT_EQ(c.checked, kAll);
  EXPECT_EQ(c.mismatched, 0);
  EXPECT_EQ(c.implausible, 0);
  EXPECT_EQ(c.confidence, Confidence::high);
  ASSERT_NE(c.row, nullptr);
  EXPECT_EQ(c.row->model, "H100 SXM5 80GB");
  EXPECT_EQ(c.counted[Precision::fp16], to_units(989.4));
}

TEST(PeakCheck, AClaimWithinHalfAPercentIsVerifiedAndCountedAtTheCatalogsFigure) {
  wire::Device d = h100();
  d.peak_tflops[Precision::fp16] = 989.4 * 1.0049;
  const PeakCheck c = check(d);
  EXPECT_EQ(c.verdict, Verdict::verified);
  EXPECT_EQ(c.counted[Precision::fp16], to_units(989.4));
}

TEST(PeakCheck, AnInflatedClaimIsCorrectedToTheCatalogsFigure) {
  wire::Device d = h100();
  d.peak_tflops[Precision::fp16] = 100000;
  const PeakCheck c = check(d);
  EXPECT_EQ(c.verdict, Verdict::corrected);
  EXPECT_EQ(c.mismatched, bit(Precision::fp16));
  EXPECT_EQ(c.checked, kAll);
  EXPECT_EQ(c.counted[Precision::fp16], to_units(989.4));
}

TEST(PeakCheck, AClaimJustOutsideTheToleranceOrAbsentIsAMismatch) {
  wire::Device d = h100();
  d.peak_tflops[Precision::fp16] = 989.4 * 1.006;
  d.peak_tflops[Precision::fp8].reset();
  const PeakCheck c = check(d);
  EXPECT_EQ(c.verdict, Verdict::corrected);
  EXPECT_EQ(c.mismatched, bit(Precision::fp16) | bit(Precision::fp8));
  EXPECT_EQ(c.counted[Precision::fp8], to_units(1978.9));
}

TEST(PeakCheck, TheNameFindsTheRowWithoutAPciId) {
  const PeakCheck c = check(h100(std::nullopt));
  EXPECT_EQ(c.verdict, Verdict::verified);
  ASSERT_NE(c.row, nullptr);
  EXPECT_EQ(c.row->model, "H100 SXM5 80GB");
}

TEST(PeakCheck, ADeviceWithoutARowIsCountedUnverifiedAsClaimed) {
  const wire::Device d = test::accelerator("gpu0", 10, PeakSource::derived);
  const PeakCheck c = check(d);
  EXPECT_EQ(c.verdict, Verdict::unverified);
  EXPECT_EQ(c.row, nullptr);
  EXPECT_EQ(c.checked, 0);
  for (Precision p : kAllPrecisions)
    EXPECT_EQ(c.counted[p], to_units(d.peak_tflops[p])) << to_string(p);
}

TEST(PeakCheck, AnUnverifiedClaimAboveEveryCatalogFigureIsNotCounted) {
  wire::Device d = test::accelerator("gpu0", 10, PeakSource::config);
  const Units ceiling = PeakChecker::builtin().ceiling()[Precision::fp16];
  ASSERT_GT(ceiling, to_units(2000.0));  // the largest accelerator of the catalog
  d.peak_tflops[Precision::fp16] = static_cast<double>(ceiling) / kUnitsPerTflops + 1;
  const PeakCheck c = check(d);
  EXPECT_EQ(c.verdict, Verdict::unverified);
  EXPECT_EQ(c.implausible, bit(Precision::fp16));
  EXPECT_EQ(c.counted[Precision::fp16], 0);
  EXPECT_EQ(c.counted[Precision::fp32], to_units(d.peak_tflops[Precision::fp32]));
}

TEST(PeakCheck, ToleranceIsHalfAPercentOfTheCatalogsFigure) {
  EXPECT_TRUE(within_tolerance(1005, 1000));
  EXPECT_TRUE(within_tolerance(995, 1000));
  EXPECT_FALSE(within_tolerance(1006, 1000));
  EXPECT_FALSE(within_tolerance(0, 1000));
}

}  // namespace
}  // namespace suanli::central
