// PackedContribution keeps every figure of a Contribution: unpacked, it equals what was packed,
// whichever figures are zero; and two packs are equal exactly when their contributions are.

#include "central/core/packed_contribution.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <random>

namespace suanli::central {
namespace {

using Figures = std::array<Units, PackedContribution::kFigures>;

// A contribution whose figures are each non-zero with probability `dense`, some of them negative.
Contribution random_contribution(std::mt19937_64& rng, double dense) {
  std::bernoulli_distribution present(dense);
  std::uniform_int_distribution<Units> value(-1'000'000'000'000, 1'000'000'000'000);
  Figures figures{};
  for (Units& u : figures) {
    if (present(rng)) u = value(rng);
  }
  Contribution c;
  c.by_class = std::bit_cast<decltype(c.by_class)>(figures);
  c.counts.devices = value(rng);
  c.counts.of(Verdict::corrected) = 3;
  c.quantum.live_qubits = value(rng);
  return c;
}

TEST(PackedContribution, UnpacksToWhatWasPacked) {
  std::mt19937_64 rng(15);
  for (double dense : {0.0, 0.01, 0.1, 0.5, 1.0}) {
    for (int i = 0; i < 50; ++i) {
      const Contribution c = random_contribution(rng, dense);
      EXPECT_EQ(PackedContribution(c).unpack(), c) << "density " << dense;
    }
  }
}

TEST(PackedContribution, TheFirstAndLastFiguresAndAnEmptyOne) {
  Contribution c;
  EXPECT_EQ(PackedContribution(c).unpack(), c);
  EXPECT_EQ(PackedContribution(c), PackedContribution());
  c.by_class.front().installed[Precision::fp64] = 1;
  c.by_class.back().power.achieved.v.back() = -7;
  EXPECT_EQ(PackedContribution(c).unpack(), c);
}

TEST(PackedContribution, EqualExactlyWhenTheContributionsAre) {
  std::mt19937_64 rng(16);
  const Contribution a = random_contribution(rng, 0.1);
  Contribution b = a;
  EXPECT_EQ(PackedContribution(a), PackedContribution(b));
  b.of(ComputeClass::general).live[Precision::fp32] += 1;
  EXPECT_NE(PackedContribution(a), PackedContribution(b));
  Contribution moved = a;  // the same values at other figures
  std::swap(moved.by_class[0], moved.by_class[1]);
  ASSERT_NE(moved.by_class[0], a.by_class[0]);
  EXPECT_NE(PackedContribution(a), PackedContribution(moved));
  b = a;
  b.counts.held_elsewhere += 1;
  EXPECT_NE(PackedContribution(a), PackedContribution(b));
}

}  // namespace
}  // namespace suanli::central
