// Energy into history and out through the API: each stored minute of the city and of a center
// carries its energy, integrated from the power level at each flush; a late window folded into a
// minute adds its node's power for the whole minute; GET /api/v1/history's points and /metrics
// show power and energy.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "central/app/api_routes.hpp"
#include "central/app/persistence.hpp"
#include "central/http/target.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;
using test::kM0;
using test::kM1;

constexpr double kKw = 1.2;  // two devices at 600 W
constexpr double kEps = 1e-9;

class EnergyHistory : public ::testing::Test {
 protected:
  EnergyHistory()
      : registry(test::settings()),
        ingest(registry),
        store(store::Store::open(tmp.path() + "/central.db").value()),
        persistence(store),
        router(make_api_router({.registry = registry,
                                .ingest = ingest,
                                .store = store,
                                .now_ms = [] { return kM1 + 59'999; },
                                .gauges = [this] { return gauges(); },
                                .health = [this] { return gauges().health; },
                                .ingest_message = nullptr,
                                .refuse_message = nullptr,
                                .on_identity_mismatch = nullptr,
                                .ingest_tokens = {}})) {}

  // Window seq of node n1 ends at `end_ms` and covers the 10 s before it.
  wire::Data window(std::uint64_t seq, std::uint64_t end_ms, std::uint64_t interval_ms) {
    wire::Header h = test::header("sz-aicc", "n1", 1, seq);
    h.ts_ms = end_ms;
    wire::Data d = test::data(h, devices, 0.5);
    d.interval_ms = interval_ms;
    for (wire::DeviceWindow& w : d.devices)
      w.power_w = 600.0;
    return d;
  }
  void flush(std::uint64_t now) {
    registry.tick(now);
    persistence.flush(registry, rejects, now);
    ASSERT_EQ(persistence.errors(), 0u);
  }
  MinuteEnergy energy(const std::string& scope, std::uint64_t minute) {
    auto r = store.history_row(scope, static_cast<std::int64_t>(minute));
    EXPECT_TRUE(r && *r) << "no row for " << scope << " at " << minute;
    if (!r || !*r) return {};
    auto e = minute_energy_from_json(json::parse((*r)->totals_json).value("energy", json()));
    EXPECT_TRUE(e) << (*r)->totals_json;
    return e.value_or(MinuteEnergy{});
  }
  ServiceGauges gauges() const {
    ServiceGauges g;
    g.energy_kwh_by_center = persistence.energy().center_totals();
    return g;
  }
  json get_history(const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.path = "/api/v1/history";
    request.target = request.path + "?" + query;
    request.query = http::parse_query(query).value();
    http::Response r = router.dispatch(request);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  suanli::test::TempDir tmp;
  std::vector<wire::Device> devices{test::accelerator("g0", 100), test::accelerator("g1", 100)};
  Registry registry;
  Ingest ingest;
  store::Store store;
  Persistence persistence;
  RejectCounters rejects;
  http::Router router;
};

TEST_F(EnergyHistory, EachMinuteHoldsTheEnergyOfItsPowerAndTheApiShowsIt) {
  registry.apply(test::birth(test::header("sz-aicc", "n1", 1, 0), devices), kM0 + 500);
  registry.apply(window(1, kM0 + 600, 60'000), kM0 + 600);
  flush(kM0 + 1'000);  // central's first flush: the minute's first second is not known
  flush(kM0 + 30'000);
  flush(kM0 + 59'000);
  flush(kM1 + 30'000);
  const MinuteEnergy m0 = energy("city", kM0);
  EXPECT_DOUBLE_EQ(m0.power_kw, kKw);
  EXPECT_NEAR(m0.energy_kwh, kKw * 59 / 3600, kEps);
  EXPECT_EQ(m0.devices_with_power, 2);
  EXPECT_EQ(m0.devices_without_power, 0);
  EXPECT_NEAR(energy("center:sz-aicc", kM1).energy_kwh, kKw / 60, kEps);

  // kM0 starts an hour: one bucket of an hour holds both minutes.
  const json h = get_history("from=" + std::to_string(kM0) + "&to=" + std::to_string(kM1 + 59'999) +
                             "&step=3600000");
  ASSERT_EQ(h["points"].size(), 1u) << h.dump();
  EXPECT_DOUBLE_EQ(h["points"][0]["power_kw"].get<double>(), kKw);
  EXPECT_NEAR(h["points"][0]["energy_kwh"].get<double>(), kKw * (59 + 60) / 3600, kEps);
  const json by_minute = get_history("from=" + std::to_string(kM0) +
                                     "&to=" + std::to_string(kM1 + 59'999) + "&step=60000");
  ASSERT_EQ(by_minute["points"].size(), 2u);
  EXPECT_NEAR(by_minute["points"][1]["energy_kwh"].get<double>(), kKw / 60, kEps);

  // /metrics: the power now and the energy since central's first flush (89 s at 1.2 kW).
  http::Request metrics;
  metrics.method = "GET";
  metrics.path = metrics.target = "/metrics";
  const std::string text = router.dispatch(metrics).body;
  const std::string labels = R"({center="sz-aicc",district="gyq",class="intelligent"} )";
  EXPECT_NE(text.find("suanli_power_kw" + labels + "1.2\n"), std::string::npos) << text;
  const auto at = text.find("suanli_energy_kwh_total" + labels);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_NEAR(std::stod(text.substr(at + ("suanli_energy_kwh_total" + labels).size())),
              kKw * 89 / 3600, 1e-6);
}

TEST_F(EnergyHistory, AFoldedLateWindowAddsItsPowerForTheWholeMinute) {
  registry.apply(test::birth(test::header("sz-aicc", "n1", 1, 0), devices), kM0 + 500);
  registry.apply(window(1, kM0 + 10'000, 10'000), kM0 + 10'000);
  flush(kM0 + 59'000);
  flush(kM1 + 1'000);
  flush(kM1 + 59'000);  // stale since kM0 + 40 s
  ASSERT_EQ(registry.find("sz-aicc", "n1")->state, NodeState::stale);
  const MinuteEnergy before = energy("city", kM1);
  EXPECT_DOUBLE_EQ(before.power_kw, 0);

  // Back, and the window that holds kM1's last millisecond replayed.
  const std::uint64_t now = kM1 + kHistoryMinuteMs + 10'000;
  registry.apply(window(9, now, 10'000), now);
  ApplyResult r = registry.apply(wire::Hist{window(8, kM1 + kHistoryMinuteMs, 10'000)}, now);
  ASSERT_EQ(r.outcome, Outcome::history);
  persistence.note_late_window(registry, *r.window, now);
  flush(now + 500);
  const MinuteEnergy after = energy("city", kM1);
  EXPECT_DOUBLE_EQ(after.power_kw, kKw);
  EXPECT_NEAR(after.energy_kwh, before.energy_kwh + kKw / 60, kEps);
  EXPECT_EQ(after.devices_with_power, 2);
}

TEST_F(EnergyHistory, ARestartWithinTheMinuteKeepsTheMinutesEnergySoFar) {
  const wire::Birth birth = test::birth(test::header("sz-aicc", "n1", 1, 0), devices);
  registry.apply(birth, kM0 + 500);
  persistence.note_birth(birth, wire::encode(birth), kM0 + 500);
  persistence.note_node({"sz-aicc", "n1"});
  registry.apply(window(1, kM0 + 600, 60'000), kM0 + 600);
  flush(kM0 + 1'000);
  flush(kM0 + 20'000);  // central stops here
  Registry restarted(test::settings());
  Persistence again(store);
  ASSERT_TRUE(again.restore(restarted, Instant{kM0 + 30'000, kM0 + 30'000}));
  restarted.apply(window(2, kM0 + 40'000, 60'000), kM0 + 40'000);
  // Restored, the node is live again only with its next window; until then central assumes the
  // level of the earlier run's last flush held.
  again.flush(restarted, rejects, kM0 + 40'000);
  again.flush(restarted, rejects, kM0 + 59'000);
  ASSERT_EQ(again.errors(), 0u);
  EXPECT_NEAR(energy("city", kM0).energy_kwh, kKw * 59 / 3600, kEps);
  EXPECT_NEAR(energy("center:sz-aicc", kM0).energy_kwh, kKw * 59 / 3600, kEps);
}

}  // namespace
}  // namespace suanli::central
