// The sequencing and liveness rules: docs/protocol.md section 3 and docs/design.md, "Node states".

#include <gtest/gtest.h>

#include <limits>

#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

using test::accelerator;
using test::header;

using test::kT0;
constexpr std::uint64_t kRulesInterval = 10000;

class RegistryRules : public ::testing::Test {
 protected:
  RegistryRules() : registry(test::settings()) {}

  void SetUp() override {
    devices = {accelerator("gpu0", 10), accelerator("gpu1", 10)};
    registry.apply(test::birth(header("sz-aicc", "n1", 7, 0), devices), kT0);
  }

  ApplyResult send(std::uint64_t seq, Instant now, std::uint64_t boot = 7, double activity = 0.5,
                   const std::vector<std::string>& unhealthy = {}) {
    return registry.apply(
        test::data(header("sz-aicc", "n1", boot, seq), devices, activity, unhealthy), now);
  }

  const NodeRecord& node() const { return *registry.find("sz-aicc", "n1"); }
  const Totals& intelligent() const {
    return registry.indicator().city().contribution.of(ComputeClass::intelligent);
  }
  Units fp16(const PrecisionUnits& u) const { return u[Precision::fp16]; }
  std::string snapshot() const {
    return indicator_json(registry, 0).dump() + nodes_json(registry, {}).dump();
  }

  Registry registry;
  std::vector<wire::Device> devices;
};

// fp16 is precision index 4: base x 5 TFLOPS per device.
constexpr Units kRulesGpuFp16 = 50'000'000;

TEST_F(RegistryRules, BirthWithoutDataIsOnlineWithInstalledButNoLive) {
  EXPECT_EQ(node().state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().installed), 2 * kRulesGpuFp16);
  EXPECT_EQ(fp16(intelligent().live), 0);
  ASSERT_EQ(send(0, kT0 + 1).outcome, Outcome::applied);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);
  EXPECT_EQ(fp16(intelligent().achieved), kRulesGpuFp16);
}

TEST_F(RegistryRules, DuplicateChangesNothingButItsCounter) {
  send(1, kT0 + 1);
  const std::string before = snapshot();
  const NodeRecord copy_before = node();
  EXPECT_EQ(send(1, kT0 + 2, 7, 0.9).outcome, Outcome::duplicate);
  EXPECT_EQ(node().counters.duplicates, 1u);
  EXPECT_EQ(node().last_seen.wall_ms, copy_before.last_seen.wall_ms);
  EXPECT_EQ(node().latest, copy_before.latest);
  NodeCounters expected = copy_before.counters;
  expected.duplicates = 1;
  EXPECT_EQ(node().counters, expected);
  EXPECT_NE(snapshot(), before);  // only the duplicate counter in the nodes list differs
}

TEST_F(RegistryRules, DuplicateLeavesTheIndicatorUnchanged) {
  send(1, kT0 + 1);
  const auto before = indicator_json(registry, 0);
  send(1, kT0 + 2, 7, 0.9);
  EXPECT_EQ(indicator_json(registry, 0), before);
}

TEST_F(RegistryRules, SeqGapIsCountedPerNode) {
  send(1, kT0 + 1);
  EXPECT_EQ(send(4, kT0 + 2).outcome, Outcome::applied);
  EXPECT_EQ(node().counters.gaps, 1u);
  EXPECT_EQ(node().counters.missed_windows, 2u);
  send(5, kT0 + 3);
  EXPECT_EQ(node().counters.gaps, 1u);
}

TEST_F(RegistryRules, CounterTotalsAreTheSumOverNodes) {
  registry.apply(test::birth(header("sz-aicc", "n2", 3, 0), {accelerator("gpu9", 10)}), kT0);
  send(1, kT0 + 1);
  send(1, kT0 + 2);     // duplicate
  send(4, kT0 + 3);     // gap of 2
  send(2, kT0 + 4);     // out of order
  send(9, kT0 + 5, 6);  // an older boot: history
  registry.apply(test::data(header("sz-aicc", "n2", 3, 5), {accelerator("gpu9", 10)}, 0.5, {}),
                 kT0 + 6);
  registry.apply(test::data(header("sz-aicc", "n2", 3, 5), {accelerator("gpu9", 10)}, 0.5, {}),
                 kT0 + 7);  // duplicate
  NodeCounters sum;
  for (const auto& [key, r] : registry.nodes()) {
    sum.duplicates += r.counters.duplicates;
    sum.gaps += r.counters.gaps;
    sum.missed_windows += r.counters.missed_windows;
    sum.out_of_order += r.counters.out_of_order;
    sum.older_ignored += r.counters.older_ignored;
    sum.bound_violations += r.counters.bound_violations;
  }
  EXPECT_EQ(sum.duplicates, 2u);
  EXPECT_EQ(sum.missed_windows, 2u);
  EXPECT_EQ(registry.counter_totals(), sum);
}

TEST_F(RegistryRules, OlderWindowAfterNewerGoesToHistoryAndNeverRollsBack) {
  send(5, kT0 + 1, 7, 0.5);
  const auto before = indicator_json(registry, 0);
  ApplyResult r = send(3, kT0 + 2, 7, 0.1, {"gpu0", "gpu1"});
  EXPECT_EQ(r.outcome, Outcome::history);
  ASSERT_TRUE(r.window);
  EXPECT_FALSE(r.window_live);
  EXPECT_EQ(node().last_seq, 5u);
  EXPECT_EQ(node().counters.out_of_order, 1u);
  EXPECT_EQ(indicator_json(registry, 0), before);
  EXPECT_EQ(send(3, kT0 + 3).outcome, Outcome::duplicate);
}

TEST_F(RegistryRules, NewBootStartsANewSequence) {
  send(40, kT0 + 1);
  registry.apply(test::birth(header("sz-aicc", "n1", 8, 0), devices), kT0 + 2);
  EXPECT_EQ(node().boot, 8u);
  EXPECT_FALSE(node().last_seq);
  EXPECT_EQ(fp16(intelligent().live), 0);  // the old boot's window is not this boot's health
  EXPECT_EQ(send(0, kT0 + 3, 8).outcome, Outcome::applied);
  EXPECT_EQ(node().counters.out_of_order, 0u);
  EXPECT_EQ(node().counters.gaps, 0u);
  // A window of the old boot arriving late is history, and seen windows of it are duplicates.
  EXPECT_EQ(send(41, kT0 + 4, 7).outcome, Outcome::history);
  EXPECT_EQ(send(40, kT0 + 5, 7).outcome, Outcome::duplicate);
  EXPECT_EQ(node().last_seq, 0u);
}

TEST_F(RegistryRules, DataOfANewBootStartsItEvenBeforeItsBirth) {
  send(40, kT0 + 1);
  EXPECT_EQ(send(0, kT0 + 2, 9).outcome, Outcome::applied);
  EXPECT_EQ(node().boot, 9u);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);  // inventory kept: ids are stable
}

TEST_F(RegistryRules, BirthOfAnOlderBootIsIgnored) {
  registry.apply(test::birth(header("sz-aicc", "n1", 8, 0), devices), kT0 + 1);
  const auto before = indicator_json(registry, 0);
  ApplyResult r = registry.apply(
      test::birth(header("sz-aicc", "n1", 7, 3), {accelerator("gpu9", 99)}), kT0 + 2);
  EXPECT_EQ(r.outcome, Outcome::ignored_older);
  EXPECT_EQ(node().counters.older_ignored, 1u);
  EXPECT_EQ(indicator_json(registry, 0), before);
}

TEST_F(RegistryRules, RebirthInTheSameBootReplacesTheInventory) {
  send(0, kT0 + 1);
  devices.push_back(accelerator("gpu2", 10));
  EXPECT_EQ(registry.apply(test::birth(header("sz-aicc", "n1", 7, 1), devices), kT0 + 2).outcome,
            Outcome::applied);
  EXPECT_EQ(fp16(intelligent().installed), 3 * kRulesGpuFp16);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);  // gpu2 is not in a window yet
  send(1, kT0 + 3);
  EXPECT_EQ(fp16(intelligent().live), 3 * kRulesGpuFp16);
}

TEST_F(RegistryRules, HistNeverTouchesLiveState) {
  send(1, kT0 + 1);
  const auto before = indicator_json(registry, 0);
  const auto latest = node().latest;
  wire::Hist h{test::data(header("sz-aicc", "n1", 7, 100), devices, 0.9, {"gpu1"})};
  ApplyResult r = registry.apply(h, kT0 + 2);
  EXPECT_EQ(r.outcome, Outcome::history);
  ASSERT_TRUE(r.window);
  EXPECT_FALSE(r.window_live);
  EXPECT_EQ(indicator_json(registry, 0), before);
  EXPECT_EQ(node().latest, latest);
  EXPECT_EQ(node().last_seq, 1u);
  EXPECT_EQ(registry.apply(h, kT0 + 3).outcome, Outcome::duplicate);
  // The same window arriving live later is a duplicate too: (node, boot, seq) was seen.
  EXPECT_EQ(send(100, kT0 + 4).outcome, Outcome::duplicate);
}

TEST_F(RegistryRules, HistOfAnUnknownNodeIsHistoryAndCreatesNoNode) {
  wire::Hist h{test::data(header("sz-aicc", "ghost", 1, 1), devices)};
  EXPECT_EQ(registry.apply(h, kT0).outcome, Outcome::history);
  EXPECT_EQ(registry.find("sz-aicc", "ghost"), nullptr);
}

// tick() scans the fleet only from the earliest time a state could change: a window that shortens
// the interval, or a node that arrives after a scan, brings that time forward.
TEST_F(RegistryRules, TickSeesEveryDeadlineEvenWhenItSkipsScans) {
  send(1, kT0 + 1);
  registry.tick(kT0 + 2);  // scans; the next change is n1 going stale at kT0 + 1 + 30 s
  // A node that arrives after the scan, stale 3 x 500 ms after its birth.
  registry.apply(test::birth(header("sz-aicc", "n2", 1, 0), {accelerator("gpu9", 10)}, {}, 500),
                 kT0 + 4);
  registry.tick(kT0 + 4 + 1500 - 1);
  EXPECT_EQ(registry.find("sz-aicc", "n2")->state, NodeState::online);
  registry.tick(kT0 + 4 + 1500);
  EXPECT_EQ(registry.find("sz-aicc", "n2")->state, NodeState::stale);
  // A window that shortens n1's interval: stale 3 s after it instead of 30.
  wire::Data quick = test::data(header("sz-aicc", "n1", 7, 2), devices, 0.5, {});
  quick.interval_ms = 1000;
  ASSERT_EQ(registry.apply(quick, kT0 + 1600).outcome, Outcome::applied);
  registry.tick(kT0 + 1600 + 3000 - 1);
  EXPECT_EQ(node().state, NodeState::online);
  registry.tick(kT0 + 1600 + 3000);
  EXPECT_EQ(node().state, NodeState::stale);
}

TEST_F(RegistryRules, StaleKeepsInstalledAndDropsLive) {
  send(1, kT0 + 1);
  registry.tick(kT0 + 1 + 3 * kRulesInterval - 1);
  EXPECT_EQ(node().state, NodeState::online);
  registry.tick(kT0 + 1 + 3 * kRulesInterval);
  EXPECT_EQ(node().state, NodeState::stale);
  EXPECT_EQ(fp16(intelligent().installed), 2 * kRulesGpuFp16);
  EXPECT_EQ(fp16(intelligent().live), 0);
  EXPECT_EQ(fp16(intelligent().achieved), 0);
  send(2, kT0 + 4 * kRulesInterval);
  EXPECT_EQ(node().state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);
}

TEST_F(RegistryRules, StatusFalseMakesOfflineUntilStatusTrue) {
  send(1, kT0 + 1);
  registry.apply(test::status(header("sz-aicc", "n1", 7, 2), false), kT0 + 2);
  EXPECT_EQ(node().state, NodeState::offline);
  EXPECT_EQ(fp16(intelligent().installed), 2 * kRulesGpuFp16);
  EXPECT_EQ(fp16(intelligent().live), 0);
  send(2, kT0 + 3);  // late data does not bring it back: only status does
  EXPECT_EQ(node().state, NodeState::offline);
  registry.apply(test::status(header("sz-aicc", "n1", 7, 3), true), kT0 + 4);
  EXPECT_EQ(node().state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);
}

TEST_F(RegistryRules, StatusTrueWithoutFreshDataIsStale) {
  send(1, kT0 + 1);
  registry.apply(test::status(header("sz-aicc", "n1", 7, 2), false), kT0 + 2);
  registry.apply(test::status(header("sz-aicc", "n1", 7, 2), true), kT0 + 10 * kRulesInterval);
  EXPECT_EQ(node().state, NodeState::stale);
}

TEST_F(RegistryRules, StatusOfAnOlderBootIsIgnoredAndOfThisBootAppliesOnArrival) {
  registry.apply(test::status(header("sz-aicc", "n1", 7, 5), true), kT0 + 1);
  EXPECT_EQ(registry.apply(test::status(header("sz-aicc", "n1", 6, 9), false), kT0 + 2).outcome,
            Outcome::ignored_older);
  EXPECT_EQ(node().state, NodeState::online);
  EXPECT_EQ(node().counters.older_ignored, 1u);
  // The Last Will of this boot carries the seq of its connect: older, yet the newer event.
  EXPECT_EQ(registry.apply(test::status(header("sz-aicc", "n1", 7, 4), false), kT0 + 3).outcome,
            Outcome::applied);
  EXPECT_EQ(node().state, NodeState::offline);
}

TEST_F(RegistryRules, RetiredAfterRetireAfterAndBackOnAMessage) {
  send(1, kT0 + 1);
  registry.tick(kT0 + 1 + 600'000 - 1);
  EXPECT_EQ(node().state, NodeState::stale);
  registry.tick(kT0 + 1 + 600'000);
  EXPECT_EQ(node().state, NodeState::retired);
  EXPECT_EQ(fp16(intelligent().installed), 0);
  EXPECT_EQ(registry.indicator().city().contribution.counts.devices, 0);
  EXPECT_EQ(registry.indicator().city().nodes_in(NodeState::retired), 1);
  send(2, kT0 + 700'000);
  EXPECT_EQ(node().state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().installed), 2 * kRulesGpuFp16);
}

TEST_F(RegistryRules, BridgeDownMakesTheCentersNodesStale) {
  send(1, kT0 + 1);
  registry.apply(test::birth(header("sz-scc", "m1", 1, 0), devices), kT0 + 1);
  registry.set_bridge_state({"sz-aicc"}, false, kT0 + 2);
  EXPECT_EQ(node().state, NodeState::stale);
  EXPECT_EQ(registry.find("sz-scc", "m1")->state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().live), 0);
  send(2, kT0 + 3);
  EXPECT_EQ(node().state, NodeState::stale);  // data through another path does not override it
  registry.set_bridge_state({"sz-aicc"}, true, kT0 + 4);
  EXPECT_EQ(node().state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);
}

TEST_F(RegistryRules, DataBeforeBirthCountsTheNodeWithoutCapacity) {
  ApplyResult r = registry.apply(test::data(header("sz-aicc", "n2", 3, 0), devices), kT0);
  EXPECT_EQ(r.outcome, Outcome::applied);
  EXPECT_EQ(registry.find("sz-aicc", "n2")->state, NodeState::online);
  EXPECT_EQ(fp16(intelligent().installed), 2 * kRulesGpuFp16);  // n1's only
  registry.apply(test::birth(header("sz-aicc", "n2", 3, 1), devices), kT0 + 1);
  EXPECT_EQ(fp16(intelligent().installed), 4 * kRulesGpuFp16);
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);  // n2's window now maps to its devices
}

TEST_F(RegistryRules, RestoreRebuildsANodeWithoutLiveCapacity) {
  Registry restored(test::settings());
  StoredNodeState st;
  st.center = "sz-aicc";
  st.node = "n1";
  st.boot = 7;
  st.last_seq = 12;
  st.interval_ms = kRulesInterval;
  st.last_data_ms = kT0;
  st.last_seen_ms = kT0;
  restored.restore(ReducedBirth::of(test::birth(header("sz-aicc", "n1", 7, 0), devices)), st,
                   kT0 + 1);
  const NodeRecord& r = *restored.find("sz-aicc", "n1");
  EXPECT_EQ(r.state, NodeState::online);
  EXPECT_EQ(r.last_seq, 12u);
  const Totals& t = restored.indicator().city().contribution.of(ComputeClass::intelligent);
  EXPECT_EQ(fp16(t.installed), 2 * kRulesGpuFp16);
  EXPECT_EQ(fp16(t.live), 0);
  // An older window after the restore is history: nothing rolls back.
  EXPECT_EQ(restored.apply(test::data(header("sz-aicc", "n1", 7, 11), devices), kT0 + 2).outcome,
            Outcome::history);
  restored.tick(kT0 + 3 * kRulesInterval);
  EXPECT_EQ(restored.find("sz-aicc", "n1")->state, NodeState::stale);
}

TEST_F(RegistryRules, StoredStateRoundTripsThroughRestore) {
  send(3, kT0 + 1);
  registry.apply(test::status(header("sz-aicc", "n1", 7, 4), false), kT0 + 2);
  const StoredNodeState st = stored_state_of(node());
  EXPECT_EQ(st.boot, 7u);
  EXPECT_EQ(st.last_seq, 3u);
  EXPECT_EQ(st.last_data_ms, kT0 + 1);
  EXPECT_EQ(st.last_seen_ms, kT0 + 2);
  EXPECT_FALSE(st.status_online);
  Registry restored(test::settings());
  restored.restore(ReducedBirth::of(test::birth(header("sz-aicc", "n1", 7, 0), devices)), st,
                   kT0 + 3);
  const NodeRecord& r = *restored.find("sz-aicc", "n1");
  EXPECT_EQ(stored_state_of(r).last_seq, st.last_seq);
  EXPECT_EQ(r.state, NodeState::offline);
  EXPECT_EQ(restored.indicator().city().contribution.counts.devices, 2);
  EXPECT_EQ(restored.apply(test::data(header("sz-aicc", "n1", 7, 3), devices), kT0 + 4).outcome,
            Outcome::duplicate);
  EXPECT_EQ(restored.apply(test::data(header("sz-aicc", "n1", 7, 2), devices), kT0 + 5).outcome,
            Outcome::history);
}

// A restart reduces each stored birth off the registry (central/app/stored_births.hpp): the node it
// restores is the one that applying the birth made, down to the owners of its devices.
TEST_F(RegistryRules, RestoringABirthGivesTheNodeThatApplyingItGave) {
  wire::Device shared = test::h100("gpu0");
  shared.uuid = "GPU-shared";
  const wire::Birth birth =
      test::birth(header("sz-aicc", "n2", 3, 4), {shared, test::h100("gpu1", 1200)}, "nanshan");
  registry.apply(birth, kT0 + 1);
  const NodeRecord& applied = *registry.find("sz-aicc", "n2");
  Registry restored(test::settings());
  restored.restore(ReducedBirth::of(test::birth(header("sz-aicc", "n1", 7, 0), devices)),
                   stored_state_of(node()), kT0 + 1);
  restored.restore(ReducedBirth::of(birth), stored_state_of(applied), kT0 + 1);
  const NodeRecord& r = *restored.find("sz-aicc", "n2");
  EXPECT_EQ(r.inventory, applied.inventory);
  EXPECT_EQ(r.contribution, applied.contribution);
  EXPECT_EQ(r.state, applied.state);
  EXPECT_EQ(r.district, applied.district);
  EXPECT_EQ(r.interval_ms, applied.interval_ms);
  EXPECT_EQ(r.peak_anomaly_since_ms, applied.peak_anomaly_since_ms);
  EXPECT_EQ(restored.owners().find("GPU-shared"), registry.owners().find("GPU-shared"));
  EXPECT_EQ(restored.flagged_nodes(), registry.flagged_nodes());
  EXPECT_EQ(indicator_json(restored, 0).dump() + nodes_json(restored, {}).dump(), snapshot());
}

// A boot may run ahead of the node's last boot, or of central's clock in Unix seconds (where an
// agent that lost its boot file starts again), by at most kMaxBootAhead.
TEST_F(RegistryRules, ABootFarAheadOfTheLastBootAndTheClockIsRefused) {
  const std::uint64_t clock_s = kT0 / 1000;
  const std::uint64_t fallback = clock_s + kMaxBootAhead;
  EXPECT_FALSE(boot_too_far(7, fallback, kT0));
  EXPECT_TRUE(boot_too_far(7, fallback + 1, kT0));
  EXPECT_FALSE(boot_too_far(fallback, fallback + kMaxBootAhead, 0));
  EXPECT_TRUE(boot_too_far(fallback, fallback + kMaxBootAhead + 1, 0));

  const std::string before = snapshot();
  for (std::uint64_t boot : {fallback + 1, wire::kMaxCounter}) {
    ApplyResult r = registry.apply(test::status(header("sz-aicc", "n1", boot, 0), true), kT0);
    EXPECT_EQ(r.outcome, Outcome::rejected);
    EXPECT_EQ(r.reject_reason, kRejectBootTooFar);
    EXPECT_EQ(
        registry.apply(test::birth(header("sz-aicc", "n1", boot, 0), devices), kT0).reject_reason,
        kRejectBootTooFar);
    EXPECT_EQ(send(0, kT0, boot).reject_reason, kRejectBootTooFar);
    EXPECT_EQ(registry.apply(wire::Hist{test::data(header("sz-aicc", "n1", boot, 0), devices)}, kT0)
                  .reject_reason,
              kRejectBootTooFar);
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(node().boot, 7u);

  // The boot file lost: the agent starts again from the clock, and is accepted.
  EXPECT_EQ(send(0, kT0 + 1, fallback).outcome, Outcome::applied);
  EXPECT_EQ(node().boot, fallback);
  // From there, a boot up to kMaxBootAhead further is accepted, and not one more.
  EXPECT_EQ(send(0, kT0 + 2, fallback + kMaxBootAhead + 1).reject_reason, kRejectBootTooFar);
  EXPECT_EQ(send(0, kT0 + 2, fallback + kMaxBootAhead).outcome, Outcome::applied);
}

// A node's first message has no last boot: only the wire's bound applies.
TEST_F(RegistryRules, TheFirstMessageOfANodeIsBoundOnlyByTheWire) {
  EXPECT_EQ(registry.apply(test::status(header("sz-aicc", "n9", wire::kMaxCounter, 0), true), kT0)
                .outcome,
            Outcome::applied);
  EXPECT_EQ(registry.find("sz-aicc", "n9")->boot, wire::kMaxCounter);
}

// A boot or seq stored before central bounded them would lock the node out for good: restore
// forgets them, and the agent's next boot is newer.
TEST_F(RegistryRules, RestoreForgetsABootOrSeqBeyondTheWiresBound) {
  Registry restored(test::settings());
  StoredNodeState st;
  st.center = "sz-aicc";
  st.node = "n1";
  st.boot = std::numeric_limits<std::uint64_t>::max();
  st.last_seq = std::numeric_limits<std::uint64_t>::max();
  st.last_seen_ms = kT0;
  restored.restore(std::nullopt, st, kT0 + 1);
  EXPECT_EQ(restored.find("sz-aicc", "n1")->boot, 0u);
  EXPECT_FALSE(restored.find("sz-aicc", "n1")->last_seq);
  EXPECT_EQ(restored.apply(test::status(header("sz-aicc", "n1", 8, 0), true), kT0 + 2).outcome,
            Outcome::applied);
  EXPECT_EQ(restored.apply(test::data(header("sz-aicc", "n1", 8, 0), devices), kT0 + 3).outcome,
            Outcome::applied);
  EXPECT_EQ(restored.find("sz-aicc", "n1")->state, NodeState::online);

  st.boot = 9;
  st.last_seq = wire::kMaxCounter + 1;
  Registry kept_boot(test::settings());
  kept_boot.restore(std::nullopt, st, kT0 + 1);
  EXPECT_EQ(kept_boot.find("sz-aicc", "n1")->boot, 9u);
  EXPECT_FALSE(kept_boot.find("sz-aicc", "n1")->last_seq);
}

// Central's own wall clock steps (central/core/instant.hpp): staleness and retirement follow its
// steady clock, dates its wall clock.
constexpr std::uint64_t kMonthMs = 30ULL * 24 * 3600 * 1000;

TEST_F(RegistryRules, AForwardStepOfCentralsClockLeavesAFreshNodeOnline) {
  send(1, Instant(kT0 + 1, kT0 + 1));
  registry.tick(Instant(kT0 + 2 + kMonthMs, kT0 + 2));  // the wall jumped a month in 1 ms
  EXPECT_EQ(node().state, NodeState::online) << "neither stale nor retired";
  EXPECT_EQ(fp16(intelligent().live), 2 * kRulesGpuFp16);
  send(2, Instant(kT0 + 3 + kMonthMs, kT0 + 3));
  EXPECT_EQ(node().last_data_ms(), kT0 + 3 + kMonthMs) << "dated by the wall clock";
  registry.tick(Instant(kT0 + 3 + kMonthMs + 3 * kRulesInterval, kT0 + 3 + 3 * kRulesInterval));
  EXPECT_EQ(node().state, NodeState::stale) << "silence is still noticed";
}

TEST_F(RegistryRules, ABackwardStepOfCentralsClockDoesNotKeepASilentNodeOnline) {
  const std::uint64_t hour = 3'600'000;
  send(1, Instant(kT0 + hour, kT0 + 1));
  registry.tick(Instant(kT0, kT0 + 2));  // set back an hour
  EXPECT_EQ(node().state, NodeState::online);
  registry.tick(Instant(kT0 + 3 * kRulesInterval - 1, kT0 + 1 + 3 * kRulesInterval));
  EXPECT_EQ(node().state, NodeState::stale) << "not online until the wall clock catches up";
}

TEST_F(RegistryRules, RestoreTimesStaleFromTheAgeOfTheStoredDates) {
  StoredNodeState st = stored_state_of(node());
  st.last_data_ms = kT0;
  st.last_seen_ms = kT0;
  st.interval_ms = kRulesInterval;
  // Central restarts 10 s later; its steady clock reads something unrelated to the wall clock.
  const std::uint64_t steady = 5'000'000;
  Registry restored(test::settings());
  restored.restore(ReducedBirth::of(test::birth(header("sz-aicc", "n1", 7, 0), devices)), st,
                   Instant(kT0 + 10'000, steady));
  restored.tick(Instant(kT0 + 3 * kRulesInterval - 1, steady + 2 * kRulesInterval - 1));
  EXPECT_EQ(restored.find("sz-aicc", "n1")->state, NodeState::online);
  restored.tick(Instant(kT0 + 3 * kRulesInterval, steady + 2 * kRulesInterval));
  EXPECT_EQ(restored.find("sz-aicc", "n1")->state, NodeState::stale);
  // Stored dates after central's clock (it was set back while central was down) are taken as now.
  Registry set_back(test::settings());
  set_back.restore(ReducedBirth::of(test::birth(header("sz-aicc", "n1", 7, 0), devices)), st,
                   Instant(kT0 - kMonthMs, steady));
  set_back.tick(Instant(kT0 - kMonthMs + 3 * kRulesInterval - 1, steady + 3 * kRulesInterval - 1));
  EXPECT_EQ(set_back.find("sz-aicc", "n1")->state, NodeState::online);
  set_back.tick(Instant(kT0 - kMonthMs + 3 * kRulesInterval, steady + 3 * kRulesInterval));
  EXPECT_EQ(set_back.find("sz-aicc", "n1")->state, NodeState::stale);
}

}  // namespace
}  // namespace suanli::central
