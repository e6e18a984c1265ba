#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "central/report/report_source.hpp"
#include "central/store/read_only.hpp"
#include "central/store/store.hpp"
#include "tests/support/process.hpp"

namespace suanli::report {
namespace {

using nlohmann::json;

const ReportMonth kStoreMonth{2026, 5};

// A minute's totals as central writes them (by_class per precision), with energy when given.
std::string totals(double live_fp16, double achieved_fp16, std::optional<double> energy_kwh) {
  json intelligent = {{"installed_pflops", {{"fp16", 4}, {"fp32", 1}}},
                      {"live_pflops", {{"fp16", live_fp16}}},
                      {"achieved_pflops", {{"fp16", achieved_fp16}}},
                      {"achieved_by_method", {{"sm_active", {{"fp16", achieved_fp16}}}}}};
  json out = {{"by_class", {{"intelligent", intelligent}}}};
  if (energy_kwh) out["energy"] = {{"energy_kwh", *energy_kwh}, {"devices_without_power", 0}};
  return out.dump();
}

store::HistoryRecord row(const std::string& scope, std::int64_t minute, std::string totals_json,
                         bool simulated = false) {
  return {.ts_ms = kStoreMonth.start_ms() + minute * 60'000,
          .scope = scope,
          .headline = {},
          .totals_json = std::move(totals_json),
          .simulated = simulated,
          .bucket_energy_kwh = std::nullopt};
}

class ReportFromStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Store::open(path);
    if (!store) throw std::runtime_error(store.error());
    store::Batch batch;
    batch.history = {row("city", -1, totals(100, 100, 100)),  // April: left out
                     row("city", 0, totals(2, 1.2, 0.5)),
                     row("city", 1, totals(2, 0.6, std::nullopt)),
                     row("center:sz-aicc", 0, totals(2, 1.2, 0.5), true)};
    batch.anomalies = {{"peak_mismatch", "sz-aicc", "n1", "", 1, 2, ""},
                       {"duplicate_device", "sz-aicc", "n2", "x", kStoreMonth.start_ms() - 5,
                        std::nullopt, "open since April"}};
    auto written = store->write(batch);
    if (!written) throw std::runtime_error(written.error());
  }

  ReportRequest request() const {
    return *parse_report_request(std::string("2026-05"), std::nullopt, kStoreMonth.end_ms());
  }

  test::TempDir tmp;
  std::string path = tmp.path() + "/central.db";
};

TEST_F(ReportFromStore, ReadsTheMonthsMinutesAndAnomaliesReadOnly) {
  auto db = store::open_store_read_only(path);
  ASSERT_TRUE(db) << db.error();
  auto report = load_monthly_report(*db, request());
  ASSERT_TRUE(report) << report.error();
  ASSERT_EQ(report->scopes.size(), 2u);
  const ScopeReport& city = report->scopes[0];
  EXPECT_EQ(city.minutes_recorded, 2);
  EXPECT_EQ(city.classes[0].installed_pflops, 4);  // fp16, not the fp32 figure
  EXPECT_NEAR(city.classes[0].delivered_pflops_h, 1.8 / 60, 1e-12);
  EXPECT_NEAR(city.classes[0].delivered_by_method[1], 1.8 / 60, 1e-12);  // sm_active
  EXPECT_EQ(*city.energy_kwh, 0.5);
  EXPECT_EQ(city.energy_minutes, 1);
  EXPECT_FALSE(city.simulated());
  EXPECT_TRUE(report->scopes[1].simulated());
  ASSERT_EQ(report->anomalies.size(), 1u);  // the one that ended in 1970 is not of May
  EXPECT_EQ(report->anomalies[0].detail, "open since April");
}

TEST_F(ReportFromStore, TheCsvSaysWhichScopeIsSimulated) {
  auto text = monthly_report_text(path, request());
  ASSERT_TRUE(text) << text.error();
  EXPECT_NE(text->find("\r\n2026-05,city,false,"), std::string::npos);
  EXPECT_NE(text->find("\r\n2026-05,center:sz-aicc,true,"), std::string::npos);
}

TEST(ReportStoreOpen, AMissingFileIsNamedAndNotCreated) {
  test::TempDir tmp;
  auto db = store::open_store_read_only(tmp.path() + "/none.db");
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().find("none.db"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/none.db"));
}

TEST(ReportStoreOpen, AnOlderSchemaIsRefusedWithTheWayToMigrateIt) {
  test::TempDir tmp;
  const std::string path = tmp.path() + "/old.db";
  {
    auto db = store::Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("PRAGMA user_version = 3"));
  }
  auto db = store::open_store_read_only(path);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().find("schema version 3"), std::string::npos) << db.error();
  EXPECT_NE(db.error().find("migrate"), std::string::npos);
}

TEST(ReportRequestParse, NamesTheParameterAndTheAcceptedForm) {
  const std::int64_t now = kStoreMonth.start_ms() + 1;
  auto missing = parse_report_request(std::nullopt, std::nullopt, now);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().parameter, "month");
  auto bad = parse_report_request(std::string("2026-5"), std::nullopt, now);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().accepted, kMonthAccepted);
  auto future = parse_report_request(std::string("2026-06"), std::nullopt, now);
  ASSERT_FALSE(future);
  EXPECT_NE(future.error().message.find("has not begun"), std::string::npos);
  auto format = parse_report_request(std::string("2026-05"), std::string("pdf"), now);
  ASSERT_FALSE(format);
  EXPECT_EQ(format.error().parameter, "format");
  auto ok = parse_report_request(std::string("2026-05"), std::string("html"), now);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->format, ReportFormat::html);
}

}  // namespace
}  // namespace suanli::report
