#include <gtest/gtest.h>

#include <chrono>

#include "tests/spool/payload.hpp"
#include "tests/spool/spool_files.hpp"
#include "tests/support/process.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli::spool {
namespace {

using test::open_or_die;
using test::payload_for;

// spool_writer appends as fast as it can; run_process kills it with SIGKILL at the time limit
// (about 7 MB into a round on a 16-core build host; a machine fast enough to finish the bounded
// count first exits 0 instead, and the checks still hold).
TEST(SpoolCrash, KillNineWhileWritingLosesNothingButTheTornRecord) {
  suanli::test::TempDir tmp;
  std::string dir = tmp.path() + "/spool";
  Options options;
  options.segment_bytes = 64 * 1024;
  options.max_bytes = 1ull << 30;
  std::uint64_t previous_next = 1;
  for (int round = 0; round < 3; ++round) {
    auto run = suanli::test::run_process({SUANLI_SPOOL_WRITER, dir, "65536", "200000"}, {},
                                         std::chrono::milliseconds(250));
    ASSERT_TRUE(run.timed_out || run.exit_code == 0) << "round " << round << ": " << run.err;

    auto spool = open_or_die(dir, options);
    std::uint64_t expected = 1;
    std::uint64_t after = 0;
    for (auto batch = spool.read_after(0, 500); !batch.empty();
         batch = spool.read_after(after, 500)) {
      for (const auto& r : batch) {
        ASSERT_EQ(r.id, expected) << "round " << round;
        ASSERT_EQ(r.payload, payload_for(r.id)) << "round " << round;
        ++expected;
        after = r.id;
      }
    }
    EXPECT_EQ(spool.depth(), expected - 1);
    EXPECT_EQ(spool.next_id(), expected);
    EXPECT_GE(spool.next_id(), previous_next) << "round " << round;
    EXPECT_EQ(spool.dropped_total(), 0u);
    previous_next = spool.next_id();
  }
  EXPECT_GT(previous_next, 1u);
}

}  // namespace
}  // namespace suanli::spool
