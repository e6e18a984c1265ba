#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "tests/spool/payload.hpp"
#include "tests/spool/spool_files.hpp"
#include "tests/support/process.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli::spool {
namespace {

using test::open_or_die;
using test::payload_for;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// spool_writer appends as fast as it can; each round kills it with SIGKILL once it reports that
// it is writing (its first progress line), wherever it is then, however slow the machine. A
// writer that finishes its count first exits 0 instead, and the checks still hold.
TEST(SpoolCrash, KillNineWhileWritingLosesNothingButTheTornRecord) {
  suanli::test::TempDir tmp;
  std::string dir = tmp.path() + "/spool";
  Options options;
  options.segment_bytes = 64 * 1024;
  options.max_bytes = 1ull << 30;
  std::uint64_t previous_next = 1;
  for (int round = 0; round < 3; ++round) {
    const std::string out = tmp.path() + "/writer" + std::to_string(round) + ".out";
    {
      suanli::test::BackgroundProcess writer({SUANLI_SPOOL_WRITER, dir, "65536", "200000"}, {}, out,
                                             tmp.path() + "/writer.err");
      bool writing = false;
      std::optional<int> exited;
      for (int poll = 0; poll < 6000 && !writing && !exited; ++poll) {
        exited = writer.wait(std::chrono::milliseconds(10));
        writing = !read_text(out).empty();
      }
      ASSERT_TRUE(writing || exited == 0) << "round " << round << ": the writer never wrote";
      if (!exited) {
        writer.signal(SIGKILL);
        writer.wait(std::chrono::seconds(30));
      }
    }

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
