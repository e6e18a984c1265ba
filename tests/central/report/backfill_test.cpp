#include "central/report/backfill.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "central/report/report_source.hpp"
#include "central/store/store.hpp"
#include "tests/support/process.hpp"

namespace suanli::report {
namespace {

using nlohmann::json;

constexpr std::int64_t kDay = 86'400'000;
const ReportMonth kJune{2026, 6};

store::HistoryRecord measured(const std::string& scope, std::int64_t ts_ms) {
  json totals = {{"by_class",
                  {{"intelligent",
                    {{"installed_pflops", {{"fp16", 10}}},
                     {"live_pflops", {{"fp16", 8}}},
                     {"achieved_pflops", {{"fp16", 4}}},
                     {"devices_unknown_peak", {{"fp16", 3}}}}}}},
                 {"energy", {{"power_kw", 100}, {"energy_kwh", 1.5}}}};
  return {.ts_ms = ts_ms,
          .scope = scope,
          .headline = {.installed_pflops = 10, .live_pflops = 8, .achieved_pflops = 4},
          .totals_json = totals.dump(),
          .simulated = false,
          .bucket_energy_kwh = std::nullopt};
}

TEST(Backfill, FactorsRampTowardTodayAndEachCenterHasAWeeklyMaintenance) {
  const std::int64_t end = kJune.start_ms() + 10 * kDay;
  const std::int64_t span = 7 * kDay;
  EXPECT_DOUBLE_EQ(simulated_factors("city", end - span, end, span).installed, 0.8);
  EXPECT_DOUBLE_EQ(simulated_factors("city", end, end, span).installed, 1.0);
  int center_down = 0, city_down = 0;
  for (std::int64_t t = end - span; t < end; t += 60'000) {
    center_down += simulated_factors("center:sz-aicc", t, end, span).live == 0;
    city_down += simulated_factors("city", t, end, span).live == 0;
    SimulatedFactors f = simulated_factors("city", t, end, span);
    EXPECT_LE(f.achieved, f.live);
  }
  EXPECT_EQ(center_down, 120);  // two hours in the week
  EXPECT_EQ(city_down, 0);
}

TEST(Backfill, ASimulatedMinuteScalesFiguresKeepsCountsAndIsMarked) {
  const store::HistoryRecord newest = measured("city", kJune.start_ms());
  store::HistoryRecord m = simulated_minute(newest, json::parse(newest.totals_json), 0,
                                            {.installed = 0.5, .live = 0.25, .achieved = 0.1});
  EXPECT_TRUE(m.simulated);
  EXPECT_EQ(m.ts_ms, 0);
  EXPECT_DOUBLE_EQ(m.headline.installed_pflops, 5);
  json t = json::parse(m.totals_json);
  const json& c = t["by_class"]["intelligent"];
  EXPECT_DOUBLE_EQ(c["installed_pflops"]["fp16"].get<double>(), 5);
  EXPECT_DOUBLE_EQ(c["live_pflops"]["fp16"].get<double>(), 2);
  EXPECT_DOUBLE_EQ(c["achieved_pflops"]["fp16"].get<double>(), 0.4);
  EXPECT_EQ(c["devices_unknown_peak"]["fp16"], 3);
  EXPECT_LT(t["energy"]["energy_kwh"].get<double>(), 1.5);
}

TEST(Backfill, WritesSimulatedDaysBeforeTheFirstMeasuredMinuteAndTheReportSaysSo) {
  test::TempDir tmp;
  const std::string path = tmp.path() + "/central.db";
  const std::int64_t first = kJune.start_ms() + 3 * kDay;
  {
    auto store = store::Store::open(path);
    ASSERT_TRUE(store) << store.error();
    store::Batch batch;
    batch.history = {measured("city", first), measured("center:sz-aicc", first)};
    ASSERT_TRUE(store->write(batch));
  }
  std::ostringstream out, err;
  ASSERT_EQ(run_backfill_command({.store_path = path, .days = 2}, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("wrote 5760 SIMULATED minutes for 2 scopes"), std::string::npos)
      << out.str();
  auto store = store::Store::open(path);
  ASSERT_TRUE(store);
  auto kept = store->history_row("city", first);
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ(**kept, measured("city", first));  // the measured minute is untouched
  auto before = store->history_row("center:sz-aicc", first - 60'000);
  ASSERT_TRUE(before && *before);
  EXPECT_TRUE((*before)->simulated);
  EXPECT_FALSE(*store->history_row("city", first - 2 * kDay - 60'000));

  auto request = parse_report_request(std::string("2026-06"), std::nullopt, first + 60'000);
  ASSERT_TRUE(request);
  auto db = store::open_store_read_only(path);
  ASSERT_TRUE(db);
  auto report = load_monthly_report(*db, *request);
  ASSERT_TRUE(report) << report.error();
  EXPECT_TRUE(report->scopes[0].simulated());
  EXPECT_EQ(report->scopes[0].minutes_simulated, 2880);
  EXPECT_EQ(report->scopes[0].minutes_recorded, 2881);
  EXPECT_LT(report->scopes[1].minutes_live, 2881);  // the center's maintenance
}

TEST(Backfill, AStoreWithoutMeasuredMinutesOrNoStoreIsExit2) {
  test::TempDir tmp;
  std::ostringstream out, err;
  EXPECT_EQ(run_backfill_command({.store_path = tmp.path() + "/none.db", .days = 2}, out, err), 2);
  EXPECT_NE(err.str().find("--store: "), std::string::npos);
  ASSERT_TRUE(store::Store::open(tmp.path() + "/empty.db"));
  std::ostringstream err2;
  EXPECT_EQ(run_backfill_command({.store_path = tmp.path() + "/empty.db", .days = 2}, out, err2),
            2);
  EXPECT_NE(err2.str().find("no measured minute"), std::string::npos);
}

}  // namespace
}  // namespace suanli::report
