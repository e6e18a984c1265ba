#include "central/core/seq_set.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <set>

namespace suanli::central {
namespace {

TEST(SeqSet, ContiguousSeqsStayOneRange) {
  SeqSet s;
  for (std::uint64_t i = 0; i < 1000; ++i)
    EXPECT_TRUE(s.insert(i));
  EXPECT_EQ(s.ranges(), 1u);
  EXPECT_FALSE(s.insert(500));
  EXPECT_FALSE(s.contains(1000));
}

TEST(SeqSet, FillingAHoleJoinsTwoRanges) {
  SeqSet s;
  s.insert(1);
  s.insert(3);
  EXPECT_EQ(s.ranges(), 2u);
  EXPECT_TRUE(s.insert(2));
  EXPECT_EQ(s.ranges(), 1u);
  EXPECT_TRUE(s.contains(1) && s.contains(2) && s.contains(3));
}

TEST(SeqSet, MissingCountsTheHolesBetweenTheLowestAndTheHighest) {
  SeqSet s;
  EXPECT_EQ(s.missing(), 0u);
  s.insert(5);
  EXPECT_EQ(s.missing(), 0u);
  s.insert(9);
  s.insert(12);
  EXPECT_EQ(s.missing(), 3u + 2u);
  for (std::uint64_t seq : {6, 7, 8, 10, 11})
    s.insert(seq);
  EXPECT_EQ(s.missing(), 0u);
}

TEST(SeqSet, ExtremesDoNotOverflow) {
  SeqSet s;
  const auto max = std::numeric_limits<std::uint64_t>::max();
  EXPECT_TRUE(s.insert(max));
  EXPECT_TRUE(s.insert(max - 1));
  EXPECT_TRUE(s.insert(0));
  EXPECT_FALSE(s.insert(max));
  EXPECT_EQ(s.ranges(), 2u);
  EXPECT_EQ(s.missing(), max - 2);
}

TEST(SeqSet, AgreesWithStdSetOnRandomInserts) {
  std::mt19937_64 rng(11);
  SeqSet s;
  std::set<std::uint64_t> reference;
  for (int i = 0; i < 5000; ++i) {
    const std::uint64_t v = rng() % 600;
    EXPECT_EQ(s.insert(v), reference.insert(v).second) << v;
  }
  for (std::uint64_t v = 0; v < 600; ++v)
    EXPECT_EQ(s.contains(v), reference.contains(v)) << v;
}

}  // namespace
}  // namespace suanli::central
