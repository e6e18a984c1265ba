// GET /api/v1/history through central's router, in process, on a real store: the figures of the
// requested class and precision read from each stored minute, the scope's first and last minute,
// and a 400 naming the parameter for every bad one (never a clamp, never an empty 200).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "central/core/json_views.hpp"
#include "tests/central/app/api_fixture.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;
using store::kMinuteMs;

// Minutes of the city in 2026 (well above the seconds threshold).
constexpr std::int64_t kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z
constexpr std::uint64_t kNow = kStart + 60 * kMinuteMs;

// A minute whose figures are `k` times: intelligent fp16 10 PFLOPS and fp32 1, general fp32 3,
// supercomputing fp64 2 and fp32 4; live half of installed, achieved a quarter.
store::HistoryRecord minute(const std::string& scope, std::int64_t ts_ms, int k) {
  Contribution c;
  auto set = [&](ComputeClass cls, Precision p, double pflops) {
    Totals& t = c.of(cls);
    t.installed[p] = to_units(pflops * k * 1000);
    t.live[p] = to_units(pflops * k * 500);
    t.achieved[p] = to_units(pflops * k * 250);
  };
  set(ComputeClass::intelligent, Precision::fp16, 10);
  set(ComputeClass::intelligent, Precision::fp32, 1);
  set(ComputeClass::general, Precision::fp32, 3);
  set(ComputeClass::supercomputing, Precision::fp64, 2);
  set(ComputeClass::supercomputing, Precision::fp32, 4);
  return {.ts_ms = ts_ms,
          .scope = scope,
          .headline = {.installed_pflops = 10.0 * k,
                       .live_pflops = 5.0 * k,
                       .achieved_pflops = 2.5 * k},
          .totals_json = json{{"by_class", by_class_json(c)}}.dump()};
}

class HistoryRoute : public test::ApiFixture {
 protected:
  HistoryRoute() : ApiFixture(kNow) {}

  void SetUp() override {
    store::Batch batch;
    for (int m = 0; m < 30; ++m)
      batch.history.push_back(minute("city", kStart + m * kMinuteMs, m + 1));
    batch.history.push_back(minute("center:sz-aicc", kStart + 5 * kMinuteMs, 7));
    ASSERT_TRUE(store.write(batch));
  }

  http::Response get(const std::string& query) { return ApiFixture::get("/api/v1/history", query); }

  json ok(const std::string& query) {
    http::Response r = get(query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return json::parse(r.body);
  }

  // The first 10 minutes, one point each.
  static std::string first_ten(const std::string& rest) {
    return "from=" + std::to_string(kStart) + "&to=" + std::to_string(kStart + 9 * kMinuteMs) +
           "&step=60000" + (rest.empty() ? "" : "&" + rest);
  }
};

TEST_F(HistoryRoute, EachClassAtItsOwnPrecisionByDefault) {
  struct Case {
    std::string query, cls, precision;
    double installed;  // of the third minute (k = 3)
  };
  for (const Case& c :
       std::vector<Case>{{"", "intelligent", "fp16", 30},
                         {"class=intelligent", "intelligent", "fp16", 30},
                         {"class=general", "general", "fp32", 9},
                         {"class=supercomputing", "supercomputing", "fp64", 6},
                         {"class=supercomputing&precision=fp32", "supercomputing", "fp32", 12},
                         {"precision=fp32", "intelligent", "fp32", 3},
                         {"class=all", "all", "fp16", 30},
                         {"class=all&precision=fp32", "all", "fp32", 24},
                         {"class=general&precision=fp64", "general", "fp64", 0}}) {
    const json h = ok(first_ten(c.query));
    EXPECT_EQ(h["class"], c.cls) << c.query;
    EXPECT_EQ(h["precision"], c.precision) << c.query;
    ASSERT_EQ(h["points"].size(), 10u) << c.query;
    const json& p = h["points"][2];
    EXPECT_EQ(p["ts_ms"], kStart + 2 * kMinuteMs);
    EXPECT_DOUBLE_EQ(p["installed_pflops"].get<double>(), c.installed) << c.query;
    EXPECT_DOUBLE_EQ(p["live_pflops"].get<double>(), c.installed / 2) << c.query;
    EXPECT_DOUBLE_EQ(p["achieved_pflops"].get<double>(), c.installed / 4) << c.query;
  }
}

TEST_F(HistoryRoute, TheResponseNamesItsQueryAndTheScopesStoredSpan) {
  const json h = ok("from=" + std::to_string(kStart + 10 * kMinuteMs) +
                    "&to=" + std::to_string(kStart + 19 * kMinuteMs) + "&step=300000");
  EXPECT_EQ(h["v"], 1);
  EXPECT_EQ(h["scope"], "city");
  EXPECT_EQ(h["from_ms"], kStart + 10 * kMinuteMs);
  EXPECT_EQ(h["to_ms"], kStart + 19 * kMinuteMs);
  EXPECT_EQ(h["step_ms"], 300000);
  EXPECT_EQ(h["first_ms"], kStart);
  EXPECT_EQ(h["last_ms"], kStart + 29 * kMinuteMs);
  ASSERT_EQ(h["points"].size(), 2u);  // each 5-minute bucket yields its last minute
  EXPECT_EQ(h["points"][0]["ts_ms"], kStart + 14 * kMinuteMs);
  EXPECT_EQ(h["points"][1]["ts_ms"], kStart + 19 * kMinuteMs);
}

TEST_F(HistoryRoute, CenterScopes) {
  json h = ok("scope=center:sz-aicc&from=" + std::to_string(kStart) + "&step=3600000");
  EXPECT_EQ(h["scope"], "center:sz-aicc");
  EXPECT_EQ(h["first_ms"], kStart + 5 * kMinuteMs);
  EXPECT_EQ(h["last_ms"], kStart + 5 * kMinuteMs);
  ASSERT_EQ(h["points"].size(), 1u);
  EXPECT_DOUBLE_EQ(h["points"][0]["installed_pflops"].get<double>(), 70);
  // A configured center with no stored minute: no points, no span.
  h = ok("scope=center:sz-scc");
  EXPECT_TRUE(h["points"].empty());
  EXPECT_TRUE(h["first_ms"].is_null());
  EXPECT_TRUE(h["last_ms"].is_null());
}

TEST_F(HistoryRoute, TheDefaultsAreTheLastSixHoursAtMostThreeHundredSixtyPoints) {
  const json h = ok("");
  EXPECT_EQ(h["to_ms"], kNow);
  EXPECT_EQ(h["from_ms"], kNow - 6 * 3600 * 1000);
  EXPECT_EQ(h["step_ms"], 60000);
  EXPECT_EQ(h["points"].size(), 30u);
}

TEST_F(HistoryRoute, ARowWithoutTotalsKeepsItsHeadlineAndNothingElse) {
  store::HistoryRecord bare = minute("city", kStart + 40 * kMinuteMs, 2);
  bare.totals_json = "{}";
  ASSERT_TRUE(store.append_history(bare));
  const std::string range = "from=" + std::to_string(kStart + 40 * kMinuteMs) +
                            "&to=" + std::to_string(kStart + 40 * kMinuteMs);
  EXPECT_DOUBLE_EQ(ok(range)["points"][0]["installed_pflops"].get<double>(), 20);
  EXPECT_TRUE(ok(range + "&class=general")["points"][0]["installed_pflops"].is_null());
}

TEST_F(HistoryRoute, ABadParameterIsA400NamingItAndItsForm) {
  const std::string from = std::to_string(kStart);
  struct Case {
    std::string query, parameter, says;
  };
  for (const Case& c : std::vector<Case>{
           {"from=1767225600", "from", "looks like seconds"},
           {"to=1767225600&from=0", "to", "looks like seconds"},
           {"to=1767225600000000", "to", "looks like microseconds"},
           {"from=-5", "from", "before the epoch"},
           {"from=yesterday", "from", "not an integer"},
           {"from=" + std::to_string(kNow + 1), "from", "is after to"},
           {"step=1000", "step", "below the store's resolution"},
           {"step=0", "step", "below the store's resolution"},
           {"step=-60000", "step", "below the store's resolution"},
           {"step=90000", "step", "not a multiple of 60000"},
           {"step=1m", "step", "not an integer"},
           {"from=" + from + "&to=" + std::to_string(kStart + 10'000LL * kMinuteMs) + "&step=60000",
            "step", "smallest step that would do is 120000 ms"},
           {"scope=town", "scope", "unknown scope"},
           {"scope=center:", "scope", "unknown scope"},
           {"scope=center:no-such-center", "scope", "no center no-such-center"},
           {"class=quantum-ish", "class", "unknown class"},
           {"class=ALL", "class", "unknown class"},
           {"precision=fp17", "precision", "unknown precision"}}) {
    const http::Response r = get(c.query);
    ASSERT_EQ(r.status, 400) << c.query << ": " << r.body;
    const json e = json::parse(r.body)["error"];
    EXPECT_EQ(e["status"], 400);
    EXPECT_EQ(e["parameter"], c.parameter) << c.query;
    EXPECT_NE(e["message"].get<std::string>().find(c.says), std::string::npos)
        << c.query << ": " << r.body;
    EXPECT_FALSE(e["accepted"].get<std::string>().empty()) << c.query;
  }
}

TEST_F(HistoryRoute, TheSmallestStepNamedForALongRangeIsAccepted) {
  const std::string range =
      "from=" + std::to_string(kStart) + "&to=" + std::to_string(kStart + 10'000LL * kMinuteMs);
  EXPECT_EQ(get(range + "&step=60000").status, 400);
  EXPECT_EQ(ok(range + "&step=120000")["step_ms"], 120000);
  // The epoch is 0 in either unit: from=0 is the whole history.
  EXPECT_EQ(ok("from=0&step=" + std::to_string(30 * 24 * 3600 * 1000LL))["points"].size(), 1u);
}

}  // namespace
}  // namespace suanli::central
