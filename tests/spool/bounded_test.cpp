#include <gtest/gtest.h>

#include "tests/spool/spool_files.hpp"
#include "tests/support/process.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli::spool {
namespace {

using test::hundred_byte_record;
using test::ids_of;
using test::open_or_die;
using test::read_all;

Options small_bounded_spool() {
  Options options;
  options.max_bytes = 1000;
  options.segment_bytes = 300;
  return options;
}

TEST(SpoolBounded, OldestDroppedFirstAndCountedExactly) {
  suanli::test::TempDir tmp;
  auto spool = open_or_die(tmp.path(), small_bounded_spool());
  constexpr std::uint64_t kCount = 50;
  for (std::uint64_t i = 1; i <= kCount; ++i) {
    ASSERT_EQ(*spool.append(hundred_byte_record(i)), i);
    EXPECT_LE(spool.bytes(), 1000u);
  }
  EXPECT_GT(spool.dropped_total(), 0u);
  EXPECT_EQ(spool.dropped_total() + spool.depth(), kCount);
  EXPECT_EQ(spool.drop_episodes(), 1u);
  auto kept = read_all(spool);
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept.front().id, spool.dropped_total() + 1);
  EXPECT_EQ(kept.back().id, kCount);
  EXPECT_EQ(kept.back().payload, hundred_byte_record(kCount));
  for (std::size_t i = 1; i < kept.size(); ++i)
    EXPECT_EQ(kept[i].id, kept[i - 1].id + 1);
}

TEST(SpoolBounded, AcknowledgedRecordsAreNotCountedAsDropped) {
  suanli::test::TempDir tmp;
  auto spool = open_or_die(tmp.path(), small_bounded_spool());
  for (std::uint64_t i = 1; i <= 9; ++i)
    spool.append(hundred_byte_record(i));
  spool.acknowledge(1);
  spool.acknowledge(2);
  EXPECT_EQ(spool.dropped_total(), 0u);
  // 900 bytes of records and 24 of acks: the next record drops the first segment, where only
  // record 3 was still unacknowledged.
  ASSERT_EQ(*spool.append(hundred_byte_record(10)), 10u);
  EXPECT_EQ(spool.dropped_total(), 1u);
  EXPECT_EQ(ids_of(spool.oldest(100)), (std::vector<std::uint64_t>{4, 5, 6, 7, 8, 9, 10}));
}

TEST(SpoolBounded, AnAcknowledgementEndsTheDropEpisode) {
  suanli::test::TempDir tmp;
  auto spool = open_or_die(tmp.path(), small_bounded_spool());
  for (std::uint64_t i = 1; i <= 20; ++i)
    spool.append(hundred_byte_record(i));
  EXPECT_EQ(spool.drop_episodes(), 1u);
  spool.acknowledge(20);
  for (std::uint64_t i = 21; i <= 40; ++i)
    spool.append(hundred_byte_record(i));
  EXPECT_EQ(spool.drop_episodes(), 2u);
  EXPECT_EQ(spool.dropped_total() + spool.depth() + 1, 40u);
}

TEST(SpoolBounded, RecordLargerThanTheSpoolIsRefused) {
  suanli::test::TempDir tmp;
  auto spool = open_or_die(tmp.path(), small_bounded_spool());
  spool.append("kept");
  auto appended = spool.append(std::string(2000, 'x'));
  ASSERT_FALSE(appended);
  EXPECT_NE(appended.error().find("max_bytes"), std::string::npos) << appended.error();
  EXPECT_EQ(spool.depth(), 1u);
  EXPECT_EQ(spool.dropped_total(), 0u);
  EXPECT_EQ(*spool.append("next"), 2u);
}

}  // namespace
}  // namespace suanli::spool
