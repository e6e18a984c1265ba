// Late windows folded into the stored history rows: a node's outage, its backlog replayed on hist,
// and the minutes it missed corrected exactly once; minutes that counted it live stay as they were.

#include <gtest/gtest.h>

#include "central/app/persistence.hpp"
#include "central/core/history_fold.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"

namespace suanli::central {
namespace {

using test::accelerator;

constexpr std::uint64_t kMinute = kHistoryMinuteMs;
using test::kM0;
using test::kM1;
constexpr std::uint64_t kM2 = kM1 + kMinute;

std::size_t at(FoldOutcome o) {
  return static_cast<std::size_t>(o);
}

class PersistenceFold : public ::testing::Test {
 protected:
  PersistenceFold()
      : registry(test::settings()),
        store(store::Store::open(tmp.path() + "/central.db").value()),
        persistence(store) {}

  // Window seq covers [kM0 + 10 s x seq, kM0 + 10 s x (seq + 1)].
  wire::Data window(std::uint64_t seq, double activity = 0.5) {
    wire::Header h = test::header("sz-aicc", "n1", 1, seq);
    h.ts_ms = kM0 + 10'000 * (seq + 1);
    return test::data(h, devices, activity);
  }
  void live(std::uint64_t seq) {
    wire::Data w = window(seq);
    std::uint64_t now = w.window.end_ms;
    registry.apply(std::move(w), now);
  }
  void replay(std::uint64_t seq, std::uint64_t now, double activity = 0.5) {
    ApplyResult r = registry.apply(wire::Hist{window(seq, activity)}, now);
    ASSERT_EQ(r.outcome, Outcome::history);
    persistence.note_late_window(registry, *r.window, now);
  }
  void flush(std::uint64_t now) {
    registry.tick(now);
    persistence.flush(registry, rejects, now);
    ASSERT_EQ(persistence.errors(), 0u);
  }
  store::HistoryRecord row(const std::string& scope, std::uint64_t minute) {
    auto r = store.history_row(scope, static_cast<std::int64_t>(minute));
    EXPECT_TRUE(r && *r) << "no row for " << scope << " at " << minute;
    return r && *r ? **r : store::HistoryRecord{};
  }

  // Live windows 0-4 reach central; 5-11 are lost to an outage; the row of kM0 counts the node
  // live, the row of kM1 has it stale.
  void outage() {
    registry.apply(test::birth(test::header("sz-aicc", "n1", 1, 0), devices), kM0 + 500);
    for (std::uint64_t seq = 0; seq <= 4; ++seq)
      live(seq);
    flush(kM0 + 59'000);
    flush(kM1 + 59'000);
    ASSERT_EQ(registry.find("sz-aicc", "n1")->state, NodeState::stale);
  }

  suanli::test::TempDir tmp;
  std::vector<wire::Device> devices{accelerator("g0", 100), accelerator("g1", 100)};
  Registry registry;
  store::Store store;
  Persistence persistence;
  RejectCounters rejects;
};

TEST_F(PersistenceFold, TheMinuteANodeMissedGetsItsReplayedWindowAndNoOtherChanges) {
  outage();
  const store::HistoryRecord live_minute = row("city", kM0);
  const store::HistoryRecord stale_minute = row("city", kM1);
  ASSERT_GT(live_minute.headline.live_pflops, 0);
  ASSERT_EQ(stale_minute.headline.live_pflops, 0);
  ASSERT_EQ(stale_minute.headline.installed_pflops, live_minute.headline.installed_pflops);

  live(12);  // back at kM2 + 10 s
  for (std::uint64_t seq = 5; seq <= 11; ++seq)
    replay(seq, kM2 + 10'500);
  flush(kM2 + 11'000);

  // Window 11 holds kM1's last millisecond: kM1 now reads as if the node had been live with it,
  // the same as kM0 (same devices, same activity). Window 5 holds kM0's, which counted it already.
  EXPECT_EQ(row("city", kM1).headline, live_minute.headline);
  EXPECT_EQ(row("city", kM1).totals_json, live_minute.totals_json);
  EXPECT_EQ(row("center:sz-aicc", kM1).totals_json, row("center:sz-aicc", kM0).totals_json);
  EXPECT_EQ(row("city", kM0), live_minute);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::folded)], 1u);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::was_live)], 1u);
}

TEST_F(PersistenceFold, TheAchievedOfAFoldedMinuteIsTheReplayedWindows) {
  outage();
  live(12);
  replay(11, kM2 + 10'500, 0.8);
  flush(kM2 + 11'000);
  const double peak_fp16_pflops = row("city", kM1).headline.live_pflops;
  ASSERT_GT(peak_fp16_pflops, 0);
  EXPECT_DOUBLE_EQ(row("city", kM1).headline.achieved_pflops, 0.8 * peak_fp16_pflops);
}

TEST_F(PersistenceFold, AMinuteIsFoldedOnceForANodeEvenIfAWindowComesAgain) {
  outage();
  live(12);
  replay(11, kM2 + 10'500);
  flush(kM2 + 11'000);
  const store::HistoryRecord folded = row("city", kM1);
  // The same window again (an older boot's windows are not de-duplicated by seq), and across a
  // flush.
  persistence.note_late_window(registry, window(11), kM2 + 12'000);
  flush(kM2 + 13'000);
  EXPECT_EQ(row("city", kM1), folded);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::repeated)], 1u);
}

TEST_F(PersistenceFold, AWindowOfTheCurrentMinuteWaitsUntilTheMinuteCloses) {
  outage();
  live(12);
  // Window 17 holds kM2's last millisecond; the node stays live through kM2.
  persistence.note_late_window(registry, window(17), kM2 + 11'000);
  flush(kM2 + 12'000);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::was_live)], 0u);
  for (std::uint64_t seq = 13; seq <= 16; ++seq)
    live(seq);
  flush(kM2 + 59'000);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::was_live)], 0u);
  flush(kM2 + kMinute + 1000);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::was_live)], 1u);
}

TEST_F(PersistenceFold, AMinuteWithoutARowIsNotInvented) {
  outage();
  // A window from before central ever wrote a row (central was not running then).
  wire::Data early = window(0);
  early.window = {kM0 - 5 * kMinute, kM0 - 4 * kMinute, 60};
  persistence.note_late_window(registry, early, kM2);
  flush(kM2 + 1000);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::no_row)], 1u);
  auto missing = store.history_row("city", static_cast<std::int64_t>(kM0 - 5 * kMinute));
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(PersistenceFold, AWindowOfAnUnknownNodeOrFarInTheFutureIsCountedNotKept) {
  outage();
  wire::Data stranger = window(11);
  stranger.header.node = "n9";
  persistence.note_late_window(registry, stranger, kM2);
  wire::Data future = window(11);
  future.window = {kM2 + 100 * kMinute, kM2 + 101 * kMinute, 60};
  persistence.note_late_window(registry, future, kM2);
  flush(kM2 + 1000);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::unknown)], 1u);
  EXPECT_EQ(persistence.folds().dropped, 1u);
}

TEST_F(PersistenceFold, AWindowDatedBeforeItsAgentsClockWasSetIsFoldedNowhere) {
  outage();
  live(12);
  // Replayed from the spool of a box that booted in 1970 and had no time yet when it built it.
  wire::Data unset = window(11);
  unset.window = {kMinute - 30'000, kMinute + 30'000, 60};
  persistence.note_late_window(registry, unset, kM2 + 10'500);
  flush(kM2 + 11'000);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::undated)], 1u);
  EXPECT_EQ(persistence.folds().by_outcome[at(FoldOutcome::no_row)], 0u);
  EXPECT_EQ(row("city", kM1).headline.live_pflops, 0) << "nothing moved to another minute";
}

}  // namespace
}  // namespace suanli::central
