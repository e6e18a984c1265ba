#include <gtest/gtest.h>

#include "tests/spool/payload.hpp"
#include "tests/spool/spool_files.hpp"
#include "tests/support/process.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli::spool {
namespace {

using test::open_or_die;
using test::payload_for;

TEST(SpoolCursor, LongBacklogIsReadInBoundedBatches) {
  suanli::test::TempDir tmp;
  Options options;
  options.segment_bytes = 64 * 1024;
  constexpr std::uint64_t kCount = 20000;
  {
    auto spool = open_or_die(tmp.path(), options);
    for (std::uint64_t id = 1; id <= kCount; ++id)
      ASSERT_EQ(*spool.append(payload_for(id)), id);
  }
  auto spool = open_or_die(tmp.path(), options);
  ASSERT_EQ(spool.depth(), kCount);
  std::uint64_t after = 0;
  std::size_t batches = 0;
  for (;;) {
    auto batch = spool.read_after(after, 100);
    if (batch.empty()) break;
    ++batches;
    ASSERT_LE(batch.size(), 100u);
    for (const auto& r : batch) {
      ASSERT_EQ(r.id, after + 1);
      ASSERT_EQ(r.payload, payload_for(r.id));
      after = r.id;
    }
    // Deliver every other batch, as a replay with a few lost PUBACKs would.
    if (batches % 2 == 0) {
      for (const auto& r : batch)
        spool.acknowledge(r.id);
    }
  }
  EXPECT_EQ(after, kCount);
  EXPECT_EQ(batches, kCount / 100);
  EXPECT_EQ(spool.depth(), kCount / 2);
  auto first = spool.oldest(3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].id, 1u);
  EXPECT_EQ(first[2].id, 3u);
  auto second_half = spool.read_after(100, 2);
  ASSERT_EQ(second_half.size(), 2u);
  EXPECT_EQ(second_half[0].id, 201u);  // 101..200 were acknowledged
}

TEST(SpoolCursor, CursorPastTheEndAndZeroMaxAreEmpty) {
  suanli::test::TempDir tmp;
  auto spool = open_or_die(tmp.path());
  spool.append("a");
  spool.append("b");
  EXPECT_TRUE(spool.read_after(2, 10).empty());
  EXPECT_TRUE(spool.read_after(1000, 10).empty());
  EXPECT_TRUE(spool.oldest(0).empty());
  EXPECT_EQ(spool.read_after(1, 10).size(), 1u);
}

TEST(SpoolCursor, RecordsAppendedDuringAReplayAreReadToo) {
  suanli::test::TempDir tmp;
  Options options;
  options.segment_bytes = 1000;
  auto spool = open_or_die(tmp.path(), options);
  for (std::uint64_t id = 1; id <= 10; ++id)
    spool.append(payload_for(id));
  auto batch = spool.read_after(0, 4);
  ASSERT_EQ(batch.back().id, 4u);
  for (std::uint64_t id = 11; id <= 30; ++id)
    spool.append(payload_for(id));
  std::uint64_t after = batch.back().id;
  std::uint64_t seen = 4;
  for (auto more = spool.read_after(after, 4); !more.empty(); more = spool.read_after(after, 4)) {
    for (const auto& r : more) {
      EXPECT_EQ(r.id, after + 1);
      after = r.id;
      ++seen;
    }
  }
  EXPECT_EQ(seen, 30u);
}

}  // namespace
}  // namespace suanli::spool
