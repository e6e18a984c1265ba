// Verified capacity in the registry: peaks judged against the catalog, each device identity
// counted once in the city, readings within bounds, and the anomaly list that reports each.

#include <gtest/gtest.h>

#include "central/core/anomalies.hpp"
#include "central/core/ingest.hpp"
#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

using test::header;
using test::kT0;

wire::Device gpu(const std::string& id, const std::string& uuid, double base = 10) {
  wire::Device d = test::accelerator(id, base);
  d.uuid = uuid;
  return d;
}

using test::h100;

class VerifiedCapacity : public ::testing::Test {
 protected:
  VerifiedCapacity() : registry(test::settings()) {}

  void birth(const std::string& node, const std::vector<wire::Device>& devs, std::uint64_t now) {
    registry.apply(test::birth(header("sz-aicc", node, 1, seq_[node]), devs), now);
  }
  ApplyResult data(const std::string& node, const std::vector<wire::Device>& devs,
                   std::uint64_t now, double activity = 0.5) {
    return registry.apply(test::data(header("sz-aicc", node, 1, seq_[node]++), devs, activity),
                          now);
  }
  const Totals& intelligent() const {
    return registry.indicator().city().contribution.of(ComputeClass::intelligent);
  }
  Units installed_fp16() const { return intelligent().installed[Precision::fp16]; }
  std::vector<Anomaly> anomalies(std::uint64_t now) const {
    return current_anomalies(registry, now);
  }
  static std::vector<AnomalyKind> kinds(const std::vector<Anomaly>& list) {
    std::vector<AnomalyKind> k;
    for (const Anomaly& a : list)
      k.push_back(a.kind);
    return k;
  }

  Registry registry;
  std::map<std::string, std::uint64_t> seq_;
};

TEST_F(VerifiedCapacity, AnInflatedCatalogPeakIsCountedAtTheCatalogsFigureAndFlagged) {
  birth("n1", {h100("gpu0", 100000)}, kT0);
  EXPECT_EQ(installed_fp16(), to_units(989.4));
  EXPECT_EQ(intelligent().verified[Precision::fp16], to_units(989.4));
  EXPECT_EQ(intelligent().verified_by_confidence[0][Precision::fp16], to_units(989.4));  // high
  EXPECT_EQ(registry.indicator().city().contribution.counts.of(Verdict::corrected), 1);
  const auto list = anomalies(kT0);
  ASSERT_EQ(kinds(list), std::vector<AnomalyKind>{AnomalyKind::peak_mismatch});
  EXPECT_EQ(list[0].device, "gpu0");
  EXPECT_EQ(list[0].since_ms, kT0);
  EXPECT_NE(list[0].detail.find("fp16 claimed 100000"), std::string::npos) << list[0].detail;
  // The claim fixed: the anomaly is gone.
  birth("n1", {h100("gpu0", 989.4)}, kT0 + 1);
  EXPECT_TRUE(anomalies(kT0 + 1).empty());
  EXPECT_EQ(registry.indicator().city().contribution.counts.of(Verdict::verified), 1);
}

TEST_F(VerifiedCapacity, ADeviceOfUnknownPeakCountsNothingEvenWhenTheCatalogKnowsItsPciId) {
  // As the pci backend lists an accelerator that no vendor backend reads.
  wire::Device unread = h100("pci-0000:3b:00.0", 0);
  unread.backend = "pci";
  unread.model = "PCI 10de:2330";
  unread.peak_tflops = PrecisionMap{};
  unread.peak_source = PeakSource::unknown;
  wire::Device cambricon = unread;
  cambricon.id = "pci-0000:5e:00.0";
  cambricon.vendor = "Cambricon";
  cambricon.pci_id = "cabc:0370";
  cambricon.model = "PCI cabc:0370";
  birth("n1", {h100("gpu0", 989.4), unread, cambricon}, kT0);
  const DeviceCounts& counts = registry.indicator().city().contribution.counts;
  EXPECT_EQ(counts.devices, 3);
  EXPECT_EQ(counts.unknown_peak, 2);
  EXPECT_EQ(counts.of(Verdict::verified), 1);
  EXPECT_EQ(counts.of(Verdict::unverified), 2);
  EXPECT_EQ(installed_fp16(), to_units(989.4));
  EXPECT_TRUE(anomalies(kT0).empty());
  const auto j = indicator_json(registry, kT0);
  EXPECT_EQ(j["counts"]["devices_unknown_peak"].get<int>(), 2);
  for (const auto& center : j["centers"])
    EXPECT_EQ(center["devices_unknown_peak"].get<int>(), center["id"] == "sz-aicc" ? 2 : 0);
}

TEST_F(VerifiedCapacity, AchievedIsRebasedOnTheCountedPeak) {
  const std::vector<wire::Device> devs = {h100("gpu0", 1978.8)};  // twice the catalog's
  birth("n1", devs, kT0);
  data("n1", devs, kT0 + 1, 0.5);  // achieved 989.4 claimed: half of what it claimed
  EXPECT_EQ(intelligent().live[Precision::fp16], to_units(989.4));
  EXPECT_EQ(intelligent().achieved[Precision::fp16], to_units(494.7));
}

TEST_F(VerifiedCapacity, AnImplausibleUnverifiedPeakIsNotCounted) {
  wire::Device d = gpu("gpu0", "GPU-1");
  d.peak_tflops[Precision::fp16] = 1e5;
  birth("n1", {d}, kT0);
  EXPECT_EQ(installed_fp16(), 0);
  EXPECT_EQ(intelligent().installed[Precision::fp32], to_units(30.0));
  EXPECT_EQ(intelligent().unverified()[Precision::fp32], to_units(30.0));
  EXPECT_EQ(kinds(anomalies(kT0)), std::vector<AnomalyKind>{AnomalyKind::implausible_peak});
  EXPECT_EQ(registry.indicator().city().contribution.counts.implausible_peak, 1);
}

TEST_F(VerifiedCapacity, ASecondNodeReportingTheSameIdentitiesAddsNothing) {
  const std::vector<wire::Device> devs = {gpu("gpu0", "GPU-1"), gpu("gpu1", "GPU-2")};
  birth("n1", devs, kT0);
  data("n1", devs, kT0);
  const Totals before = intelligent();
  birth("clone", devs, kT0 + 1);
  data("clone", devs, kT0 + 1);
  EXPECT_EQ(intelligent(), before);
  EXPECT_EQ(registry.indicator().city().contribution.counts.held_elsewhere, 2);
  const auto list = anomalies(kT0 + 1);
  ASSERT_EQ(kinds(list), (std::vector<AnomalyKind>{AnomalyKind::duplicate_device,
                                                   AnomalyKind::duplicate_device}));
  EXPECT_EQ(list[0].node, "clone");
  EXPECT_NE(list[0].detail.find("counted at sz-aicc/n1"), std::string::npos) << list[0].detail;
}

TEST_F(VerifiedCapacity, AMovedHostTakesItsDevicesAtOnceFromAHolderThatIsOffline) {
  const std::vector<wire::Device> devs = {gpu("gpu0", "GPU-1")};
  birth("old", devs, kT0);
  registry.apply(test::status(header("sz-aicc", "old", 1, 0), false), kT0 + 1);
  const Units one = installed_fp16();
  birth("new", devs, kT0 + 2);
  EXPECT_EQ(installed_fp16(), one);
  EXPECT_EQ(registry.find("sz-aicc", "new")->contribution.counts.devices, 1);
  EXPECT_EQ(registry.find("sz-aicc", "old")->contribution.counts.devices, 0);
  const auto list = anomalies(kT0 + 2);
  ASSERT_EQ(kinds(list), std::vector<AnomalyKind>{AnomalyKind::device_moved});
  EXPECT_EQ(list[0].node, "new");
  EXPECT_EQ(list[0].since_ms, kT0 + 2);
  EXPECT_TRUE(anomalies(kT0 + 2 + kEventAnomalyMs).empty());  // an event: it ages out
  // Central's clock stepped back an hour: the move is still recent, not aged out.
  EXPECT_EQ(kinds(anomalies(kT0 - 3600 * 1000)),
            std::vector<AnomalyKind>{AnomalyKind::device_moved});
}

TEST_F(VerifiedCapacity, AStaleHolderHandsItsDevicesToTheOnlineDuplicate) {
  const std::vector<wire::Device> devs = {gpu("gpu0", "GPU-1")};
  birth("a", devs, kT0);
  data("a", devs, kT0);
  birth("b", devs, kT0 + 1);
  data("b", devs, kT0 + 1);
  EXPECT_EQ(registry.find("sz-aicc", "b")->contribution.counts.devices, 0);
  // a falls silent; b keeps publishing.
  for (std::uint64_t t = kT0 + 10'000; t <= kT0 + 40'000; t += 10'000) {
    data("b", devs, t);
    registry.tick(t);
  }
  EXPECT_EQ(registry.find("sz-aicc", "a")->state, NodeState::stale);
  EXPECT_EQ(registry.find("sz-aicc", "b")->contribution.counts.devices, 1);
  EXPECT_EQ(registry.find("sz-aicc", "a")->contribution.counts.devices, 0);
  EXPECT_EQ(registry.indicator().city().contribution.counts.devices, 1);
}

TEST_F(VerifiedCapacity, ARetiredHolderGivesUpItsDevices) {
  const std::vector<wire::Device> devs = {gpu("gpu0", "GPU-1")};
  birth("a", devs, kT0);
  birth("b", devs, kT0 + 1);
  const std::uint64_t later = kT0 + 600'000 + 1;  // past retire_after_s for a, not b
  data("b", devs, later - 2);
  registry.tick(later);
  EXPECT_EQ(registry.find("sz-aicc", "a")->state, NodeState::retired);
  EXPECT_EQ(registry.owners().find("GPU-1")->holder, (NodeKey{"sz-aicc", "b"}));
  EXPECT_EQ(registry.indicator().city().contribution.counts.devices, 1);
}

TEST_F(VerifiedCapacity, AWindowAboveItsClaimedPeakIsRefusedCountedAndFlagged) {
  const std::vector<wire::Device> devs = {gpu("gpu0", "GPU-1")};
  birth("n1", devs, kT0);
  Ingest ingest(registry);
  wire::Data bad = test::data(header("sz-aicc", "n1", 1, 0), devs, 0.5);
  bad.devices[0].achieved_tflops[Precision::fp16] = 1000;  // the peak is 50
  const std::string before = indicator_json(registry, kT0).dump();
  ApplyResult r = registry.apply(bad, kT0 + 1);
  EXPECT_EQ(r.outcome, Outcome::rejected);
  EXPECT_EQ(r.reject_reason, kRejectBoundViolation);
  EXPECT_EQ(indicator_json(registry, kT0).dump(), before);
  EXPECT_EQ(registry.find("sz-aicc", "n1")->counters.bound_violations, 1u);
  EXPECT_FALSE(registry.find("sz-aicc", "n1")->last_seq.has_value());
  ASSERT_EQ(kinds(anomalies(kT0 + 1)), std::vector<AnomalyKind>{AnomalyKind::bound_violation});
  EXPECT_EQ(anomalies(kT0 + 1)[0].device, "gpu0");
  // The same seq, within bounds, is taken; the anomaly ends.
  EXPECT_EQ(data("n1", devs, kT0 + 2).outcome, Outcome::applied);
  EXPECT_TRUE(anomalies(kT0 + 2).empty());
}

TEST_F(VerifiedCapacity, IngestCountsARefusedWindowAsARejectByReason) {
  const std::vector<wire::Device> devs = {gpu("gpu0", "GPU-1")};
  birth("n1", devs, kT0);
  Ingest ingest(registry);
  wire::Data bad = test::data(header("sz-aicc", "n1", 1, 0), devs, 0.5);
  bad.devices[0].achieved_tflops[Precision::fp16] = 1000;
  const IngestResult r =
      ingest.accept("suanli/v1/sz-aicc/n1/data", wire::encode(wire::Message{bad}), kT0 + 1);
  EXPECT_EQ(r.outcome, Outcome::rejected);
  EXPECT_EQ(r.reject_reason, kRejectBoundViolation);
  EXPECT_EQ(ingest.rejects().by_reason().at(std::string(kRejectBoundViolation)), 1u);
}

TEST_F(VerifiedCapacity, AnIdentityMismatchIsListedForADay) {
  registry.note_identity_mismatch({"c2", "n9"}, "token 'c1-agents' posted for c2", kT0);
  const auto list = anomalies(kT0 + 1);
  ASSERT_EQ(kinds(list), std::vector<AnomalyKind>{AnomalyKind::identity_mismatch});
  EXPECT_EQ(list[0].center, "c2");
  EXPECT_TRUE(anomalies(kT0 + kEventAnomalyMs).empty());
  EXPECT_EQ(kinds(anomalies(kT0 - 1)),  // the clock stepped back
            std::vector<AnomalyKind>{AnomalyKind::identity_mismatch});
}

TEST_F(VerifiedCapacity, ALastWillAfterAReconnectTakesTheNodeOfflineWhateverItsSeq) {
  birth("n1", {gpu("gpu0", "GPU-1")}, kT0);
  registry.apply(test::status(header("sz-aicc", "n1", 1, 60), true), kT0 + 1);  // reconnected
  EXPECT_EQ(registry.apply(test::status(header("sz-aicc", "n1", 1, 0), false), kT0 + 2).outcome,
            Outcome::applied);
  EXPECT_EQ(registry.find("sz-aicc", "n1")->state, NodeState::offline);
}

TEST_F(VerifiedCapacity, TheIndicatorSplitsInstalledIntoVerifiedAndUnverified) {
  birth("n1", {h100("gpu0", 989.4), gpu("gpu1", "GPU-2")}, kT0);
  const nlohmann::json j = indicator_json(registry, kT0);
  const nlohmann::json& head = j["headline"];
  EXPECT_DOUBLE_EQ(head["installed_pflops"].get<double>(), 0.9894 + 0.05);
  EXPECT_DOUBLE_EQ(head["verified_pflops"].get<double>(), 0.9894);
  EXPECT_DOUBLE_EQ(head["unverified_pflops"].get<double>(), 0.05);
  EXPECT_DOUBLE_EQ(j["by_class"]["intelligent"]["by_confidence"]["high"]["fp16"].get<double>(),
                   0.9894);
  EXPECT_EQ(j["counts"]["devices_verified"], 1);
  EXPECT_EQ(j["counts"]["devices_unverified"], 1);
  for (const nlohmann::json& c : j["centers"]) {
    if (c["id"] != "sz-aicc") continue;
    EXPECT_DOUBLE_EQ(c["classes"]["intelligent"]["verified_pflops"].get<double>(), 0.9894);
  }
}

}  // namespace
}  // namespace suanli::central
