// Energy integrated from the power level: level x time since the previous observation, split at
// the minute's start; a minute's energy assumes its newest level holds to its end; central counts
// nothing for a gap (a stop or stall) longer than kMaxEnergyGapMs; a center that leaves the
// indicator is forgotten.

#include "central/core/energy_meter.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::kM0;
using test::kM1;

constexpr double kEps = 1e-9;

// An indicator whose center "c1" (district "d1") draws `kw` in class `k`.
Indicator drawing(double kw, ComputeClass k = ComputeClass::intelligent) {
  static const std::string center = "c1";
  static const std::string district = "d1";
  Contribution c;
  c.of(k).power.power_mw = static_cast<Milliwatts>(kw * kMilliwattsPerKw);
  c.of(k).power.with_power = 1;
  c.of(k).power.without_power = 2;
  Indicator ind;
  ind.add(NodePart{center, district, NodeState::online, c});
  return ind;
}

TEST(EnergyMeter, IntegratesTheLevelOverTheMinute) {
  EnergyMeter m;
  // Central starts 30 s into minute M0: it knows nothing of the minute's first half.
  m.observe(drawing(60), kM0 + 30'000);
  EXPECT_NEAR(m.city_minute().energy_kwh, 0.5, kEps);  // 60 kW for the 30 s left
  EXPECT_DOUBLE_EQ(m.city_minute().power_kw, 60);
  EXPECT_EQ(m.city_minute().devices_with_power, 1);
  EXPECT_EQ(m.city_minute().devices_without_power, 2);
  // 60 kW from 30 s to 45 s, then 120 kW assumed to the minute's end.
  m.observe(drawing(120), kM0 + 45'000);
  EXPECT_NEAR(m.city_minute().energy_kwh, 0.25 + 0.5, kEps);
  EXPECT_NEAR(m.center_minute("c1").energy_kwh, 0.75, kEps);
  // Into M1: its minute starts from M1's first millisecond at the level held (120 kW).
  m.observe(drawing(120), kM1 + 15'000);
  EXPECT_NEAR(m.city_minute().energy_kwh, 2.0, kEps);
  // Since the start: 60 kW x 15 s + 120 kW x 30 s, all of it intelligent.
  EXPECT_NEAR(m.city_total()[static_cast<std::size_t>(ComputeClass::intelligent)], 1.25, kEps);
  EXPECT_NEAR(m.center_totals().at("c1")[static_cast<std::size_t>(ComputeClass::general)], 0, kEps);
}

TEST(EnergyMeter, AGapLongerThanTheLimitAddsNothing) {
  EnergyMeter m;
  m.observe(drawing(60), kM0);
  m.observe(drawing(60), kM0 + 1'000);
  const double before = m.city_total()[0];
  EXPECT_NEAR(before, 60.0 / 3600, kEps);
  m.observe(drawing(60), kM0 + 1'000 + kMaxEnergyGapMs + 1);
  EXPECT_DOUBLE_EQ(m.city_total()[0], before);
}

TEST(EnergyMeter, ACenterThatLeavesTheIndicatorIsForgottenTheCityKeepsItsEnergy) {
  EnergyMeter m;
  m.observe(drawing(36, ComputeClass::supercomputing), kM0);
  m.observe(drawing(36, ComputeClass::supercomputing), kM0 + 10'000);  // 36 kW x 10 s: 0.1 kWh
  EXPECT_NEAR(m.center_totals().at("c1")[static_cast<std::size_t>(ComputeClass::supercomputing)],
              0.1, kEps);
  m.observe(Indicator{}, kM0 + 20'000);
  EXPECT_TRUE(m.center_totals().empty());
  EXPECT_EQ(m.center_minute("c1"), MinuteEnergy{});
  EXPECT_NEAR(m.city_total()[static_cast<std::size_t>(ComputeClass::supercomputing)], 0.2, kEps);
  EXPECT_DOUBLE_EQ(m.city_minute().power_kw, 0);
  EXPECT_NEAR(m.city_minute().energy_kwh, 0.2, kEps);
}

TEST(EnergyMeter, AfterARestartInTheMinuteItKeepsWhatTheEarlierRunStoredBeforeIt) {
  EnergyMeter m;
  // The earlier run wrote 1 kWh for M0 with 60 kW at its last flush, assumed to the minute's end.
  MinuteEnergy stored{.power_kw = 60, .energy_kwh = 1.0};
  m.resume(kM0, stored, {{"c1", stored}, {"gone", stored}});
  m.observe(drawing(120), kM0 + 30'000);
  // 1 kWh less 60 kW for the 30 s left, then 120 kW for them.
  EXPECT_NEAR(m.city_minute().energy_kwh, 0.5 + 1.0, kEps);
  EXPECT_NEAR(m.center_minute("c1").energy_kwh, 1.5, kEps);
  EXPECT_FALSE(m.center_totals().contains("gone"));
  // Nothing is carried into a later minute.
  EnergyMeter later;
  later.resume(kM0, stored, {});
  later.observe(drawing(120), kM1 + 30'000);
  EXPECT_NEAR(later.city_minute().energy_kwh, 1.0, kEps);
}

TEST(MinuteEnergy, JsonRoundTripsAndAFoldAddsAWholeMinute) {
  MinuteEnergy e{
      .power_kw = 1.5, .energy_kwh = 0.025, .devices_with_power = 3, .devices_without_power = 1};
  EXPECT_EQ(minute_energy_from_json(minute_energy_json(e)), e);
  EXPECT_FALSE(minute_energy_from_json(nlohmann::json{{"power_kw", 1}}));
  PowerTotals late;
  late.power_mw = 6'000'000;  // 6 kW for the minute: 0.1 kWh
  late.with_power = 2;
  e.add_folded(late);
  EXPECT_NEAR(e.power_kw, 7.5, kEps);
  EXPECT_NEAR(e.energy_kwh, 0.125, kEps);
  EXPECT_EQ(e.devices_with_power, 5);
}

}  // namespace
}  // namespace suanli::central
