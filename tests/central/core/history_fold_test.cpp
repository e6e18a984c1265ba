// Folding late windows into history: the node's state timeline, the minutes a window covers, and
// the correction of a minute's rows.

#include "central/core/history_fold.hpp"

#include <gtest/gtest.h>

#include "central/core/json_views.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::accelerator;
using test::header;

constexpr std::uint64_t kMinute = kHistoryMinuteMs;
using test::kM0;

TEST(StateTimeline, AnswersWhatTheNodeWasAtEachInstant) {
  StateTimeline t;
  t.start(1000, NodeState::online);
  t.record(5000, NodeState::stale);
  t.record(6000, NodeState::stale);  // a repeat records nothing
  t.record(9000, NodeState::online);
  EXPECT_EQ(t.at(999), PastState::absent);
  EXPECT_EQ(t.at(1000), PastState::online);
  EXPECT_EQ(t.at(4999), PastState::online);
  EXPECT_EQ(t.at(5000), PastState::stale);
  EXPECT_EQ(t.at(8999), PastState::stale);
  EXPECT_EQ(t.at(9000), PastState::online);
  EXPECT_EQ(t.at(1'000'000), PastState::online);
}

TEST(StateTimeline, ForgetsTheOldestChangesAndThenKnowsNothingBeforeThem) {
  StateTimeline t;
  t.start(0, NodeState::online);
  for (std::uint64_t i = 1; i <= StateTimeline::kMaxChanges; ++i)
    t.record(i * 100, i % 2 ? NodeState::stale : NodeState::online);
  // kMaxChanges + 1 changes were made; the first (creation at 0) is forgotten.
  EXPECT_EQ(t.at(0), std::nullopt);
  EXPECT_EQ(t.at(99), std::nullopt);
  EXPECT_EQ(t.at(100), PastState::stale);
  EXPECT_EQ(t.at(250), PastState::online);
}

TEST(StateTimeline, KnowsNothingBeforeARestart) {
  StateTimeline t;
  t.start(5000, NodeState::stale);
  t.forget_before(5000);
  EXPECT_EQ(t.at(4999), std::nullopt);
  EXPECT_EQ(t.at(5000), PastState::stale);
}

TEST(FoldMinutes, AWindowCoversTheMinutesWhoseLastMillisecondItHolds) {
  EXPECT_EQ(fold_minutes({kM0, kM0 + 10'000, 10}), std::vector<std::uint64_t>{});
  EXPECT_EQ(fold_minutes({kM0 + 50'000, kM0 + 60'000, 10}), std::vector<std::uint64_t>{kM0});
  EXPECT_EQ(fold_minutes({kM0 + 50'000, kM0 + 59'999, 10}), std::vector<std::uint64_t>{});
  EXPECT_EQ(fold_minutes({kM0 + 59'999, kM0 + 60'000, 1}), std::vector<std::uint64_t>{kM0});
  EXPECT_EQ(fold_minutes({kM0 + 30'000, kM0 + 150'000, 120}),
            (std::vector<std::uint64_t>{kM0, kM0 + kMinute}));
}

TEST(FoldMinutes, AnEmptyReversedOrOverlongWindowCoversNothing) {
  EXPECT_TRUE(fold_minutes({kM0 + 60'000, kM0 + 60'000, 0}).empty());
  EXPECT_TRUE(fold_minutes({kM0 + 60'000, kM0, 0}).empty());
  EXPECT_TRUE(fold_minutes({kM0, kM0 + kMaxFoldedWindowMs + 1, 0}).empty());
  EXPECT_EQ(fold_minutes({kM0, kM0 + kMaxFoldedWindowMs, 0}).size(), 61u);
}

class FoldCorrectionTest : public ::testing::Test {
 protected:
  FoldCorrectionTest() : registry(test::settings()) {}

  // A node with a birth and one live window at kM0 + 1 s, online from then on.
  const NodeRecord& bring_up() {
    wire::Header h = header("sz-aicc", "n1", 1, 0);
    registry.apply(test::birth(h, devices), kM0 + 1000);
    h.ts_ms = kM0 + 1000;
    registry.apply(test::data(h, devices, 0.5), kM0 + 1000);
    return *registry.find("sz-aicc", "n1");
  }
  wire::Data late_window(std::uint64_t seq, std::uint64_t end_ms, double activity) {
    wire::Header h = header("sz-aicc", "n1", 1, seq);
    h.ts_ms = end_ms;
    return test::data(h, devices, activity);
  }

  std::vector<wire::Device> devices{accelerator("g0", 100), accelerator("g1", 100)};
  Registry registry;
};

TEST_F(FoldCorrectionTest, AMinuteWhenTheNodeWasLiveIsLeftAlone) {
  const NodeRecord& n = bring_up();
  Contribution with = contribution_with_window(registry, n, late_window(3, kM0 + 60'000, 0.9));
  EXPECT_EQ(fold_correction(registry, n, with, kM0).outcome, FoldOutcome::was_live);
}

TEST_F(FoldCorrectionTest, AStaleMinuteGainsLiveAndAchievedButNotInstalled) {
  const NodeRecord& n = bring_up();
  registry.tick(kM0 + 40'000);  // 39 s without data: stale
  ASSERT_EQ(n.state, NodeState::stale);
  Contribution with = contribution_with_window(registry, n, late_window(5, kM0 + 60'000, 0.9));
  FoldCorrection c = fold_correction(registry, n, with, kM0);
  ASSERT_EQ(c.outcome, FoldOutcome::folded);
  const Totals& t = c.delta.of(ComputeClass::intelligent);
  EXPECT_EQ(t.installed, PrecisionUnits{});
  EXPECT_EQ(t.live, with.of(ComputeClass::intelligent).live);
  EXPECT_EQ(t.achieved, with.of(ComputeClass::intelligent).achieved);
  EXPECT_GT(t.live[Precision::fp16], 0);
  EXPECT_GT(t.achieved[Precision::fp16], 0);
}

TEST_F(FoldCorrectionTest, AMinuteBeforeCentralKnewTheNodeGainsItsInstalledToo) {
  const NodeRecord& n = bring_up();
  Contribution with = contribution_with_window(registry, n, late_window(0, kM0, 0.9));
  FoldCorrection c = fold_correction(registry, n, with, kM0 - kMinute);
  ASSERT_EQ(c.outcome, FoldOutcome::folded);
  EXPECT_EQ(c.delta.of(ComputeClass::intelligent), with.of(ComputeClass::intelligent));
}

// A node reporting the devices another node holds: its late windows add nothing to history, as
// its live windows add nothing to the indicator.
TEST_F(FoldCorrectionTest, ALateWindowOfADuplicateAddsNothing) {
  devices[0].uuid = "GPU-1";
  devices[1].uuid = "GPU-2";
  bring_up();
  wire::Header h = header("sz-aicc", "clone", 1, 0);
  registry.apply(test::birth(h, devices), kM0 + 2000);
  const NodeRecord& clone = *registry.find("sz-aicc", "clone");
  ASSERT_EQ(clone.contribution.counts.held_elsewhere, 2);
  h.ts_ms = kM0;
  Contribution with = contribution_with_window(registry, clone, test::data(h, devices, 0.9));
  FoldCorrection c = fold_correction(registry, clone, with, kM0 - kMinute);
  EXPECT_EQ(c.delta.of(ComputeClass::intelligent), Totals{});
}

TEST_F(FoldCorrectionTest, ANodeWithoutABirthHasNothingToFold) {
  wire::Header h = header("sz-aicc", "n2", 1, 0);
  h.ts_ms = kM0 + 1000;
  registry.apply(test::data(h, devices, 0.5), kM0 + 1000);
  registry.tick(kM0 + 40'000);
  const NodeRecord& n = *registry.find("sz-aicc", "n2");
  Contribution with = contribution_with_window(registry, n, late_window(5, kM0 + 60'000, 0.9));
  EXPECT_EQ(fold_correction(registry, n, with, kM0).outcome, FoldOutcome::no_capacity);
}

TEST_F(FoldCorrectionTest, ARestoredNodeKnowsNothingOfTheTimeBeforeTheRestart) {
  const NodeRecord& before = bring_up();
  Registry restarted(test::settings());
  restarted.restore(ReducedBirth::of(test::birth(header("sz-aicc", "n1", 1, 0), devices)),
                    stored_state_of(before), kM0 + 5 * kMinute);
  const NodeRecord& n = *restarted.find("sz-aicc", "n1");
  Contribution with = contribution_with_window(restarted, n, late_window(5, kM0 + 60'000, 0.9));
  EXPECT_EQ(fold_correction(restarted, n, with, kM0).outcome, FoldOutcome::unknown);
}

TEST(ContributionFromByClassJson, ReadsBackWhatByClassJsonWrote) {
  Contribution c;
  c.of(ComputeClass::intelligent).installed[Precision::fp16] = 1'234'567'890'123;
  c.of(ComputeClass::general).achieved[Precision::fp64] = 7;
  c.of(ComputeClass::general)
      .achieved_by_method[static_cast<std::size_t>(Method::cpu_time)][Precision::fp64] = 7;
  c.of(ComputeClass::supercomputing).live[Precision::int8] = 999'999'999;
  auto back = contribution_from_by_class_json(by_class_json(c));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->by_class, c.by_class);
}

TEST(ContributionFromByClassJson, ARowFromBeforeTheSplitByMethodHasNone) {
  Contribution c;
  c.of(ComputeClass::intelligent).achieved[Precision::fp16] = 5;
  c.of(ComputeClass::intelligent)
      .achieved_by_method[static_cast<std::size_t>(Method::busy_time)][Precision::fp16] = 5;
  nlohmann::json j = by_class_json(c);
  for (auto& [cls, totals] : j.items())
    totals.erase("achieved_by_method");
  auto back = contribution_from_by_class_json(j);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->of(ComputeClass::intelligent).achieved[Precision::fp16], 5);
  for (const PrecisionUnits& part : back->of(ComputeClass::intelligent).achieved_by_method)
    EXPECT_EQ(part, PrecisionUnits{});
}

TEST(ContributionFromByClassJson, RefusesJsonItDidNotWrite) {
  EXPECT_FALSE(contribution_from_by_class_json(nlohmann::json::array()).has_value());
  nlohmann::json j = by_class_json(Contribution{});
  j["general"]["live_pflops"]["fp16"] = "many";
  EXPECT_FALSE(contribution_from_by_class_json(j).has_value());
  j = by_class_json(Contribution{});
  j.erase("supercomputing");
  EXPECT_FALSE(contribution_from_by_class_json(j).has_value());
}

}  // namespace
}  // namespace suanli::central
