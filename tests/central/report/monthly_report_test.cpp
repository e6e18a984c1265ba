#include "central/report/monthly_report.hpp"

#include <gtest/gtest.h>

namespace suanli::report {
namespace {

constexpr std::int64_t kMinute = 60'000;
const ReportMonth kFebruary{2026, 2};  // 28 days: 40320 minutes
constexpr std::size_t kIntelligent = 0;
constexpr std::size_t kGeneral = 1;

MinuteFigures minute(const std::string& scope, std::int64_t index) {
  MinuteFigures m;
  m.scope = scope;
  m.ts_ms = kFebruary.start_ms() + index * kMinute;
  return m;
}

MonthlyReport whole_february(const std::vector<MinuteFigures>& minutes,
                             std::vector<store::AnomalyRecord> anomalies = {}) {
  MonthlyReportBuilder builder(kFebruary, *report_period(kFebruary, kFebruary.end_ms() + 1));
  for (const MinuteFigures& m : minutes)
    builder.add(m);
  return std::move(builder).finish(std::move(anomalies));
}

// February of one center: installed 3, live 2, achieved 1.2 PFLOPS (1.0 by gpm_tensor, 0.2 by
// sm_active) at fp16; no row for minutes 100..159 (central down); live 0 for 1000..1119 (an
// outage, recorded); 0.5 kWh a minute before minute 20000, no energy after; the last minute has
// installed 4.
std::vector<MinuteFigures> known_february() {
  std::vector<MinuteFigures> minutes;
  for (std::int64_t i = 0; i < 40320; ++i) {
    if (i >= 100 && i < 160) continue;
    MinuteFigures m = minute("center:sz-aicc", i);
    ClassMinute& c = m.classes[kIntelligent];
    c.installed_pflops = i == 40319 ? 4 : 3;
    if (i < 1000 || i >= 1120) {
      c.live_pflops = 2;
      c.achieved_pflops = 1.2;
      c.achieved_by_method = {1.0, 0.2, 0, 0};
    }
    if (i < 20000) m.energy_kwh = 0.5;
    minutes.push_back(m);
  }
  return minutes;
}

TEST(MonthlyReport, AMonthOfKnownMinutesGivesKnownFigures) {
  MonthlyReport r = whole_february(known_february());
  ASSERT_EQ(r.scopes.size(), 2u);  // the city is always listed, first
  EXPECT_EQ(r.scopes[0].scope, "city");
  EXPECT_EQ(r.scopes[0].minutes_recorded, 0);
  const ScopeReport& s = r.scopes[1];
  EXPECT_EQ(s.scope, "center:sz-aicc");
  EXPECT_EQ(r.period_minutes(), 40320);
  EXPECT_EQ(s.minutes_recorded, 40260);
  EXPECT_EQ(s.minutes_live, 40140);
  EXPECT_DOUBLE_EQ(*r.availability(s), 40140.0 / 40320.0);
  EXPECT_DOUBLE_EQ(*r.coverage(s), 40260.0 / 40320.0);
  EXPECT_EQ(*s.as_of_ms, kFebruary.end_ms() - kMinute);
  const ClassReport& c = s.classes[kIntelligent];
  EXPECT_EQ(c.precision, Precision::fp16);
  EXPECT_EQ(c.installed_pflops, 4);
  EXPECT_EQ(c.live_pflops, 2);
  EXPECT_NEAR(c.delivered_pflops_h, 40140 * 1.2 / 60, 1e-6);
  EXPECT_NEAR(c.delivered_by_method[0], 40140 * 1.0 / 60, 1e-6);
  EXPECT_NEAR(c.delivered_by_method[1], 40140 * 0.2 / 60, 1e-6);
  EXPECT_EQ(c.delivered_by_method[2], 0);
  // Energy: minutes 0..19999 less the 60 unrecorded ones; efficiency over those minutes only.
  EXPECT_EQ(s.energy_minutes, 19940);
  EXPECT_NEAR(*s.energy_kwh, 19940 * 0.5, 1e-6);
  EXPECT_NEAR(*c.tflops_per_kw, (19820 * 1.2 / 60) * 1000 / (19940 * 0.5), 1e-9);
  EXPECT_EQ(s.classes[kGeneral].precision, Precision::fp32);
  EXPECT_EQ(s.classes[kGeneral].delivered_pflops_h, 0);
  EXPECT_EQ(s.classes[2].precision, Precision::fp64);
  EXPECT_FALSE(s.simulated());
}

TEST(MonthlyReport, MinutesOutsideTheUtcMonthAreLeftOut) {
  MinuteFigures before = minute("city", -1);  // 2026-01-31T23:59Z
  MinuteFigures first = minute("city", 0);
  MinuteFigures after = minute("city", 40320);  // 2026-03-01T00:00Z
  for (MinuteFigures* m : {&before, &first, &after}) {
    m->classes[kIntelligent].live_pflops = 1;
    m->classes[kIntelligent].achieved_pflops = 60;
  }
  first.classes[kIntelligent].installed_pflops = 7;
  MonthlyReport r = whole_february({after, first, before});
  const ScopeReport& city = r.scopes.at(0);
  EXPECT_EQ(city.minutes_recorded, 1);
  EXPECT_EQ(city.classes[kIntelligent].delivered_pflops_h, 1);
  EXPECT_EQ(city.classes[kIntelligent].installed_pflops, 7);
  EXPECT_EQ(*city.as_of_ms, kFebruary.start_ms());
}

TEST(MonthlyReport, EnergyIsUnknownNotZeroWithoutMinutesThatCarryIt) {
  MinuteFigures m = minute("city", 5);
  m.classes[kGeneral].live_pflops = 1;
  m.classes[kGeneral].achieved_pflops = 1;
  MonthlyReport r = whole_february({m});
  EXPECT_FALSE(r.scopes[0].energy_kwh);
  EXPECT_EQ(r.scopes[0].energy_minutes, 0);
  EXPECT_FALSE(r.scopes[0].classes[kGeneral].tflops_per_kw);
  EXPECT_EQ(r.scopes[0].minutes_live, 1);  // general capacity alone makes the minute live
}

TEST(MonthlyReport, AMinuteWithDevicesWithoutPowerIsPartialEnergy) {
  MinuteFigures full = minute("city", 1);
  full.energy_kwh = 1;
  full.devices_without_power = 0;
  MinuteFigures partial = minute("city", 2);
  partial.energy_kwh = 2;
  partial.devices_without_power = 3;
  MonthlyReport r = whole_february({full, partial});
  EXPECT_EQ(*r.scopes[0].energy_kwh, 3);
  EXPECT_EQ(r.scopes[0].energy_minutes, 2);
  EXPECT_EQ(r.scopes[0].energy_minutes_partial, 1);
}

TEST(MonthlyReport, SimulatedMinutesMarkTheScope) {
  MinuteFigures measured = minute("city", 1);
  MinuteFigures simulated = minute("center:a", 1);
  simulated.simulated = true;
  MonthlyReport r = whole_february({measured, simulated});
  EXPECT_FALSE(r.scopes[0].simulated());
  EXPECT_TRUE(r.scopes[1].simulated());
  EXPECT_EQ(r.scopes[1].minutes_simulated, 1);
}

TEST(MonthlyReport, TheCityCountsEveryAnomalyAndACenterItsOwn) {
  std::vector<store::AnomalyRecord> anomalies = {
      {"peak_mismatch", "a", "n1", "0", 1, std::nullopt, ""},
      {"duplicate_device", "b", "n2", "1", 2, std::nullopt, ""}};
  MonthlyReport r = whole_february({minute("center:a", 0), minute("center:c", 0)}, anomalies);
  ASSERT_EQ(r.scopes.size(), 3u);
  EXPECT_EQ(r.scopes[0].anomalies, 2);
  EXPECT_EQ(r.scopes[1].anomalies, 1);  // center:a
  EXPECT_EQ(r.scopes[2].anomalies, 0);  // center:c
  EXPECT_EQ(r.anomalies.size(), 2u);
}

}  // namespace
}  // namespace suanli::report
