#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/spool/spool_files.hpp"
#include "tests/support/process.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli::spool {
namespace {

using test::files_with_suffix;
using test::hundred_byte_record;
using test::ids_of;
using test::open_or_die;
using Ids = std::vector<std::uint64_t>;

TEST(SpoolRoundTrip, AppendReadAcknowledge) {
  suanli::test::TempDir tmp;
  auto spool = open_or_die(tmp.path());
  EXPECT_EQ(spool.depth(), 0u);
  EXPECT_EQ(*spool.append("one"), 1u);
  EXPECT_EQ(*spool.append("two"), 2u);
  EXPECT_EQ(*spool.append("three"), 3u);
  auto records = spool.oldest(10);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].payload, "one");
  EXPECT_EQ(records[2].payload, "three");
  EXPECT_EQ(spool.depth(), 3u);
  EXPECT_EQ(spool.bytes(), 3 * 16 + 11u);

  spool.acknowledge(2);
  spool.acknowledge(2);
  spool.acknowledge(99);
  EXPECT_EQ(ids_of(spool.oldest(10)), (Ids{1, 3}));
  EXPECT_EQ(spool.depth(), 2u);
  EXPECT_EQ(ids_of(spool.oldest(1)), (Ids{1}));
}

TEST(SpoolRoundTrip, IdsIncreaseAcrossReopen) {
  suanli::test::TempDir tmp;
  {
    auto spool = open_or_die(tmp.path());
    spool.append("a");
    spool.append("b");
  }
  {
    auto spool = open_or_die(tmp.path());
    EXPECT_EQ(*spool.append("c"), 3u);
    for (std::uint64_t id = 1; id <= 3; ++id)
      spool.acknowledge(id);
    EXPECT_EQ(spool.depth(), 0u);
  }
  // Everything was delivered and the segments deleted: the next id still carries on.
  auto spool = open_or_die(tmp.path());
  EXPECT_EQ(spool.depth(), 0u);
  EXPECT_TRUE(spool.oldest(10).empty());
  EXPECT_EQ(*spool.append("d"), 4u);
}

TEST(SpoolRoundTrip, AcksSurviveReopen) {
  suanli::test::TempDir tmp;
  {
    auto spool = open_or_die(tmp.path());
    for (int i = 0; i < 5; ++i)
      spool.append(hundred_byte_record(i));
    spool.acknowledge(1);
    spool.acknowledge(3);
  }
  auto spool = open_or_die(tmp.path());
  EXPECT_EQ(ids_of(spool.oldest(10)), (Ids{2, 4, 5}));
  EXPECT_EQ(spool.depth(), 3u);
  EXPECT_EQ(spool.recovered_truncations(), 0u);
}

TEST(SpoolRoundTrip, OutOfOrderAcksDeleteEverySegment) {
  suanli::test::TempDir tmp;
  Options options;
  options.segment_bytes = 300;
  auto spool = open_or_die(tmp.path(), options);
  for (int i = 0; i < 10; ++i)
    spool.append(hundred_byte_record(i));
  EXPECT_EQ(files_with_suffix(tmp.path(), ".log").size(), 4u);
  for (std::uint64_t id : {7, 2, 10, 1, 5, 9, 3, 8, 4, 6})
    spool.acknowledge(id);
  EXPECT_EQ(spool.depth(), 0u);
  EXPECT_TRUE(spool.oldest(100).empty());
  // Only the empty segment that takes the next append is left.
  EXPECT_EQ(files_with_suffix(tmp.path(), ".log"),
            std::vector<std::string>{"seg-00000000000000000011.log"});
  EXPECT_TRUE(files_with_suffix(tmp.path(), ".ack").empty());
  EXPECT_EQ(spool.bytes(), 0u);
}

TEST(SpoolRoundTrip, SegmentDeletedWhenFullyAcknowledged) {
  suanli::test::TempDir tmp;
  Options options;
  options.segment_bytes = 300;
  auto spool = open_or_die(tmp.path(), options);
  for (int i = 0; i < 9; ++i)
    spool.append(hundred_byte_record(i));
  ASSERT_EQ(
      files_with_suffix(tmp.path(), ".log"),
      (std::vector<std::string>{"seg-00000000000000000001.log", "seg-00000000000000000004.log",
                                "seg-00000000000000000007.log"}));
  spool.acknowledge(5);
  spool.acknowledge(4);
  EXPECT_EQ(files_with_suffix(tmp.path(), ".log").size(), 3u);
  EXPECT_EQ(files_with_suffix(tmp.path(), ".ack"),
            std::vector<std::string>{"seg-00000000000000000004.ack"});
  spool.acknowledge(6);
  EXPECT_EQ(
      files_with_suffix(tmp.path(), ".log"),
      (std::vector<std::string>{"seg-00000000000000000001.log", "seg-00000000000000000007.log"}));
  EXPECT_TRUE(files_with_suffix(tmp.path(), ".ack").empty());
  EXPECT_EQ(ids_of(spool.oldest(100)), (Ids{1, 2, 3, 7, 8, 9}));
}

TEST(SpoolRoundTrip, SyncOptionKeepsTheSameBehaviour) {
  suanli::test::TempDir tmp;
  Options options;
  options.sync = true;
  options.segment_bytes = 200;
  {
    auto spool = open_or_die(tmp.path(), options);
    for (int i = 0; i < 5; ++i)
      spool.append(hundred_byte_record(i));
    spool.acknowledge(1);
    spool.acknowledge(2);
    spool.acknowledge(4);
  }
  auto spool = open_or_die(tmp.path(), options);
  EXPECT_EQ(ids_of(spool.oldest(10)), (Ids{3, 5}));
  EXPECT_EQ(files_with_suffix(tmp.path(), ".log").size(), 2u);
}

TEST(SpoolThreads, AppendAndAcknowledgeFromDifferentThreads) {
  suanli::test::TempDir tmp;
  Options options;
  options.segment_bytes = 4096;
  auto spool = open_or_die(tmp.path(), options);
  constexpr std::uint64_t kCount = 2000;
  std::atomic<std::uint64_t> appended{0};
  std::thread acker([&] {
    std::uint64_t acked = 0;
    while (acked < kCount) {
      auto batch = spool.read_after(acked, 50);
      for (const auto& r : batch) {
        spool.acknowledge(r.id);
        acked = r.id;
      }
      if (batch.empty()) std::this_thread::yield();
    }
  });
  for (std::uint64_t i = 0; i < kCount; ++i) {
    auto id = spool.append(hundred_byte_record(i));
    ASSERT_TRUE(id);
    appended = *id;
  }
  acker.join();
  EXPECT_EQ(appended.load(), kCount);
  EXPECT_EQ(spool.depth(), 0u);
  EXPECT_EQ(files_with_suffix(tmp.path(), ".log").size(), 1u);
}

}  // namespace
}  // namespace suanli::spool
