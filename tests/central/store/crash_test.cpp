#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/central/store/store_samples.hpp"
#include "tests/support/process.hpp"

namespace suanli::store {
namespace {

using test::open_or_throw;
using test::require;

// The batches store_writer reports committed: the numbers it printed, one a line.
std::vector<long long> committed_batches(const std::string& out_file) {
  std::ifstream in(out_file);
  std::vector<long long> batches;
  for (long long i; in >> i;)
    batches.push_back(i);
  return batches;
}

// Waits (bounded) until store_writer has committed at least `count` batches.
bool wait_for_commits(const std::string& out_file, std::size_t count) {
  for (int tries = 0; tries < 6000; ++tries) {
    if (committed_batches(out_file).size() >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Each round starts store_writer where the last round's committed batches end, kills it with
// SIGKILL once it has committed a few batches (so it dies in the middle of writing), and reopens
// the store: it opens, it is intact, and it holds exactly the batches committed, each whole.
TEST(StoreCrash, KillNineWhileWritingKeepsEveryCommittedBatchWhole) {
  suanli::test::TempDir tmp;
  std::string db = tmp.path() + "/central.db";
  long long next = 0;
  for (int round = 0; round < 3; ++round) {
    std::string out_file = tmp.path() + "/out-" + std::to_string(round);
    {
      suanli::test::BackgroundProcess writer(
          {SUANLI_STORE_WRITER, db, std::to_string(next), "100000000"}, {}, out_file,
          tmp.path() + "/err-" + std::to_string(round));
      ASSERT_TRUE(wait_for_commits(out_file, 3)) << "round " << round;
      writer.signal(SIGKILL);
      ASSERT_EQ(writer.wait(std::chrono::seconds(30)), -1) << "round " << round;
    }
    long long printed = committed_batches(out_file).back();

    Store store = open_or_throw(db);
    auto states = store.node_states();
    require(states);
    ASSERT_EQ(states->size(), 100u) << "round " << round;
    long long last = static_cast<long long>(states->front().highest_seq);
    for (const auto& state : *states)
      ASSERT_EQ(static_cast<long long>(state.highest_seq), last) << "round " << round;
    EXPECT_GE(last, printed) << "round " << round;  // printed only after the commit

    auto counts = store.reject_counts();
    require(counts);
    EXPECT_EQ(counts->at("bad_json"), static_cast<std::uint64_t>(last + 1)) << "round " << round;
    auto newest = store.history(
        {.scope = "city", .from_ms = last * kMinuteMs, .to_ms = (last + 1000) * kMinuteMs});
    require(newest);
    ASSERT_EQ(newest->size(), 1u) << "round " << round;
    EXPECT_EQ(newest->front().headline.installed_pflops, static_cast<double>(last));
    auto integrity = Database::open(db, SQLITE_OPEN_READONLY);
    require(integrity);
    auto check = integrity->query_text("PRAGMA integrity_check");
    require(check);
    EXPECT_EQ(*check, "ok") << "round " << round;
    next = last + 1;
  }
  EXPECT_GE(next, 9);
}

}  // namespace
}  // namespace suanli::store
