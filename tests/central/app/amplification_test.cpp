// Births in many distinct centers, sent fast through central's ingest front door: new centers and
// nodes beyond their per-minute caps are refused and counted and move no total; a known node is
// never refused; the retained indicator, /metrics and each minute's history rows list a bounded
// number of centers however many are known.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "central/app/metrics.hpp"
#include "central/app/persistence.hpp"
#include "central/core/ingest.hpp"
#include "central/core/json_views.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

using test::kM0;
using test::kM1;
constexpr std::uint64_t kNewCenters = 20;
constexpr std::uint64_t kNewNodes = 30;
constexpr std::size_t kListed = 3;

// No configured center: every center is unknown to central until it is heard from.
CoreSettings capped_settings() {
  CoreSettings s = test::settings();
  s.centers.clear();
  s.new_centers_per_minute = kNewCenters;
  s.new_nodes_per_minute = kNewNodes;
  s.summary_max_centers = kListed;
  return s;
}

std::string center_id(std::size_t i) {
  return "c" + std::to_string(i);
}

class Amplification : public ::testing::Test {
 protected:
  Amplification()
      : registry(capped_settings()),
        ingest(registry),
        store(store::Store::open(tmp.path() + "/central.db").value()),
        persistence(store) {}

  Outcome send_birth(const std::string& center, const std::string& node, std::uint64_t now,
                     double peak = 10) {
    const wire::Birth b =
        test::birth(test::header(center, node, 1, 0), {test::accelerator("gpu0", peak)});
    const IngestResult r =
        ingest.accept(wire::make_topic(center, node, wire::Kind::birth), wire::encode(b), now);
    if (r.birth) persistence.note_birth(*r.birth, wire::encode(b), now);
    if (r.node && r.outcome != Outcome::rejected) persistence.note_node(*r.node);
    return r.outcome;
  }

  // Sends a birth of one new node in each of `count` new centers, numbered from `first`; returns
  // how many were applied.
  std::size_t births_in_new_centers(std::size_t first, std::size_t count, std::uint64_t now) {
    std::size_t applied = 0;
    for (std::size_t i = first; i < first + count; ++i) {
      if (send_birth(center_id(i), "n1", now) == Outcome::applied) ++applied;
    }
    return applied;
  }

  std::uint64_t rejected(std::string_view reason) const {
    return ingest.rejects().by_reason().at(std::string(reason));
  }

  Units city_fp16() const {
    return registry.indicator()
        .city()
        .contribution.of(ComputeClass::intelligent)
        .installed[Precision::fp16];
  }

  // The centers with a history row of `minute`, of the first `known` centers.
  std::set<std::string> centers_with_rows(std::uint64_t minute, std::size_t known) {
    std::set<std::string> with_rows;
    for (std::size_t i = 0; i < known; ++i) {
      auto row =
          store.history_row(store::center_scope(center_id(i)), static_cast<std::int64_t>(minute));
      EXPECT_TRUE(row) << row.error();
      if (row && *row) with_rows.insert(center_id(i));
    }
    return with_rows;
  }

  suanli::test::TempDir tmp;
  Registry registry;
  Ingest ingest;
  store::Store store;
  Persistence persistence;
};

// One accelerator of base 10: 50 TFLOPS at fp16, in units of 1e-6 TFLOPS.
constexpr Units kBirthFp16 = 50'000'000;

TEST_F(Amplification, NewCentersAndNodesBeyondTheirCapsAreRefusedCountedAndMoveNoTotal) {
  EXPECT_EQ(births_in_new_centers(0, 300, kM0), kNewCenters);
  EXPECT_EQ(rejected(kRejectNewCenterRate), 300 - kNewCenters);
  EXPECT_EQ(registry.nodes().size(), kNewCenters);
  EXPECT_EQ(city_fp16(), static_cast<Units>(kNewCenters) * kBirthFp16);

  // New nodes of known centers count against the node cap only.
  std::size_t more_nodes = 0;
  for (int i = 0; i < 15; ++i) {
    if (send_birth(center_id(0), "m" + std::to_string(i), kM0 + 1) == Outcome::applied) {
      ++more_nodes;
    }
  }
  EXPECT_EQ(more_nodes, kNewNodes - kNewCenters);
  EXPECT_EQ(rejected(kRejectNewNodeRate), 15 - (kNewNodes - kNewCenters));

  // With both caps spent, refused messages of every kind change nothing...
  const std::string before = indicator_json(registry, kM0 + 2).dump() +
                             nodes_json(registry, {}).dump() +
                             stats_json(ingest, registry)["accepted"].dump();
  EXPECT_EQ(births_in_new_centers(1000, 100, kM0 + 2), 0u);
  const wire::Status status{test::header("c1000", "n1", 1, 0), true};
  EXPECT_EQ(ingest
                .accept(wire::make_topic("c1000", "n1", wire::Kind::status), wire::encode(status),
                        kM0 + 2)
                .reject_reason,
            kRejectNewCenterRate);
  EXPECT_EQ(indicator_json(registry, kM0 + 2).dump() + nodes_json(registry, {}).dump() +
                stats_json(ingest, registry)["accepted"].dump(),
            before);
  const json stats = stats_json(ingest, registry);
  EXPECT_EQ(stats["rejected"]["new_center_rate"], 300 - kNewCenters + 101);

  // ...while a node already known is never refused.
  EXPECT_EQ(send_birth(center_id(3), "n1", kM0 + 3, 20), Outcome::applied);
  const wire::Data window =
      test::data(test::header(center_id(3), "n1", 1, 1), {test::accelerator("gpu0", 20)});
  EXPECT_EQ(ingest
                .accept(wire::make_topic(center_id(3), "n1", wire::Kind::data),
                        wire::encode(window), kM0 + 3)
                .outcome,
            Outcome::applied);

  // The next minute allows new centers again.
  EXPECT_EQ(births_in_new_centers(300, 50, kM1), kNewCenters);
}

TEST_F(Amplification, SummariesListAtMostTheCapOfCenters) {
  ASSERT_EQ(births_in_new_centers(0, kNewCenters, kM0), kNewCenters);

  const json indicator = indicator_json(registry, kM0);
  ASSERT_EQ(indicator["centers"].size(), kListed);
  EXPECT_EQ(indicator["counts"]["centers"], kNewCenters);
  EXPECT_EQ(indicator["counts"]["centers_unlisted"], kNewCenters - kListed);
  EXPECT_EQ(indicator["by_district"].size(), 1u);  // the births name no district
  EXPECT_DOUBLE_EQ(indicator["headline"]["installed_pflops"].get<double>(), 1.0);
  // The size of a few centers' entries, whatever the number of centers known.
  const std::size_t per_center = centers_json(registry).dump().size() / kNewCenters;
  EXPECT_LT(indicator.dump().size(), (kListed + 3) * per_center)
      << indicator.dump().size() << " bytes; one center: " << per_center;

  auto text = metrics_text(registry, ingest, ServiceGauges{}, kM0);
  ASSERT_TRUE(text) << text.error();
  std::set<std::string> series_centers;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find("center=\"");
    if (line.starts_with("#") || at == std::string::npos) continue;
    series_centers.insert(line.substr(at + 8, line.find('"', at + 8) - at - 8));
  }
  EXPECT_EQ(series_centers.size(), kListed);
  EXPECT_NE(text->find("suanli_centers 20\n"), std::string::npos);
  EXPECT_NE(text->find("suanli_centers_unlisted 17\n"), std::string::npos);
  EXPECT_NE(text->find("summary.max_centers"), std::string::npos);

  // The largest centers are listed, ties by name; the indicator lists them by name.
  EXPECT_EQ(indicator["centers"][0]["id"], "c0");
  EXPECT_EQ(indicator["centers"][1]["id"], "c1");
  EXPECT_EQ(indicator["centers"][2]["id"], "c10");
  persistence.flush(registry, ingest.rejects(), kM0 + 1000);
  EXPECT_EQ(centers_with_rows(kM0, kNewCenters), (std::set<std::string>{"c0", "c1", "c10"}));

  // c5 grows into the listing within the minute (a second node); the minute's rows stay at the
  // cap.
  ASSERT_EQ(send_birth(center_id(5), "n2", kM0 + 2000), Outcome::applied);
  EXPECT_EQ(indicator_json(registry, kM0 + 2000)["centers"][2]["id"], "c5");
  persistence.flush(registry, ingest.rejects(), kM0 + 2000);
  ASSERT_EQ(persistence.errors(), 0u);
  EXPECT_EQ(centers_with_rows(kM0, kNewCenters), (std::set<std::string>{"c0", "c1", "c10"}));
  persistence.flush(registry, ingest.rejects(), kM1 + 1000);
  EXPECT_EQ(centers_with_rows(kM1, kNewCenters), (std::set<std::string>{"c0", "c1", "c5"}));
}

TEST(Admission, KnownCentersOnlyRefusesEveryOtherCenter) {
  CoreSettings s = test::settings();
  s.known_centers_only = true;
  s.new_nodes_per_minute = 5;
  Registry registry(s);
  Ingest ingest(registry);
  const auto birth_of = [&](const std::string& center) {
    const wire::Birth b =
        test::birth(test::header(center, "n1", 1, 0), {test::accelerator("gpu0", 10)});
    return ingest.accept(wire::make_topic(center, "n1", wire::Kind::birth), wire::encode(b),
                         test::kT0);
  };
  EXPECT_EQ(birth_of("sz-aicc").outcome, Outcome::applied);
  const IngestResult refused = birth_of("elsewhere");
  EXPECT_EQ(refused.outcome, Outcome::rejected);
  EXPECT_EQ(refused.reject_reason, kRejectUnknownCenter);
  EXPECT_EQ(ingest.rejects().by_reason().at(std::string(kRejectUnknownCenter)), 1u);
  EXPECT_EQ(registry.nodes().size(), 1u);
  // A configured center's nodes are never capped.
  for (int i = 0; i < 50; ++i) {
    const wire::Birth b = test::birth(test::header("ks-ai", "n" + std::to_string(i), 1, 0),
                                      {test::accelerator("gpu0", 10)});
    EXPECT_EQ(ingest
                  .accept(wire::make_topic("ks-ai", "n" + std::to_string(i), wire::Kind::birth),
                          wire::encode(b), test::kT0)
                  .outcome,
              Outcome::applied);
  }
}

}  // namespace
}  // namespace suanli::central
