// Power by class, center, district and city: exact sums through a node's contribution moving out
// and back in, devices without a reading counted apart (never as 0 W), implausible readings
// treated as absent and counted, slices never adding to their parent's reading, and efficiency
// over the devices that report power only.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::accelerator;
using test::header;
using test::kT0;

// A window of `devices` whose entry i reports watts[i] (nullopt: no reading).
wire::Data powered(const wire::Header& h, const std::vector<wire::Device>& devices,
                   const std::vector<std::optional<double>>& watts) {
  wire::Data d = test::data(h, devices, 0.5);
  for (std::size_t i = 0; i < watts.size(); ++i)
    d.devices[i].power_w = watts[i];
  return d;
}

const PowerTotals& city_power(const Registry& r, ComputeClass c = ComputeClass::intelligent) {
  return r.indicator().city().contribution.of(c).power;
}

TEST(PowerReading, ImplausibleReadingsAreAbsentAndMarked) {
  EXPECT_EQ(PowerReading::of(612.5), (PowerReading{.mw = 612'500, .implausible = false}));
  EXPECT_EQ(PowerReading::of(0.0), (PowerReading{.mw = 0, .implausible = false}));
  EXPECT_EQ(PowerReading::of(std::nullopt), PowerReading{});
  for (double hostile : {-3.0, std::numeric_limits<double>::quiet_NaN(),
                         std::numeric_limits<double>::infinity(), kMaxDevicePowerW + 1, 1e300}) {
    EXPECT_EQ(PowerReading::of(hostile), (PowerReading{.mw = std::nullopt, .implausible = true}))
        << hostile;
  }
}

class Power : public ::testing::Test {
 protected:
  Power() : registry(test::settings()) {}

  void node(const std::string& center, const std::string& name,
            const std::vector<wire::Device>& devices,
            const std::vector<std::optional<double>>& watts, std::uint64_t at = kT0) {
    registry.apply(test::birth(header(center, name, 1, 0), devices), at);
    registry.apply(powered(header(center, name, 1, 1), devices, watts), at + 1);
  }

  Registry registry;
};

TEST_F(Power, SumsAreExactThroughANodeLeavingAndComingBack) {
  const std::vector<wire::Device> two = {accelerator("g0", 100), accelerator("g1", 100)};
  node("sz-aicc", "n1", two, {612.5, 0.1});
  node("wj-dc", "n2", two, {597.3, 700.0});
  const PowerTotals both = city_power(registry);
  EXPECT_EQ(both.power_mw, 612'500 + 100 + 597'300 + 700'000);
  EXPECT_EQ(both.with_power, 4);
  EXPECT_EQ(registry.indicator().centers().at("sz-aicc").contribution.total().power.power_mw,
            612'600);
  EXPECT_EQ(registry.indicator().districts().at("gyq").contribution.total().power.power_mw,
            612'600);

  // n1 goes offline: its power leaves every total, exactly; back online with a new window, it
  // comes back exactly.
  registry.apply(test::status(header("sz-aicc", "n1", 1, 2), false), kT0 + 2);
  EXPECT_EQ(city_power(registry).power_mw, 597'300 + 700'000);
  EXPECT_EQ(city_power(registry).with_power, 2);
  registry.apply(test::status(header("sz-aicc", "n1", 1, 3), true), kT0 + 3);
  registry.apply(powered(header("sz-aicc", "n1", 1, 4), two, {612.5, 0.1}), kT0 + 4);
  EXPECT_EQ(city_power(registry), both);
  // A new reading replaces the old one.
  registry.apply(powered(header("wj-dc", "n2", 1, 2), two, {1.0, 2.0}), kT0 + 5);
  EXPECT_EQ(city_power(registry).power_mw, 612'600 + 3'000);
}

TEST_F(Power, DevicesWithoutAReadingAreCountedApartNeverAsZero) {
  const std::vector<wire::Device> devices = {accelerator("g0", 100), accelerator("g1", 300),
                                             accelerator("g2", 50)};
  // g2 is unhealthy: not live, so neither with nor without power.
  wire::Data w = powered(header("sz-aicc", "n1", 1, 1), devices, {500.0, std::nullopt, 400.0});
  w.devices[2].healthy = false;
  registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), devices), kT0);
  registry.apply(w, kT0 + 1);
  const PowerTotals& p = city_power(registry);
  EXPECT_EQ(p.power_mw, 500'000);
  EXPECT_EQ(p.with_power, 1);
  EXPECT_EQ(p.without_power, 1);
  EXPECT_EQ(p.implausible, 0);
  // Efficiency is over g0 alone: its live peak and achieved per kW.
  const PrecisionUnits g0_peak = registry.find("sz-aicc", "n1")->inventory->devices[0].peak;
  EXPECT_EQ(p.live, g0_peak);
  const nlohmann::json e = energy_json(p);
  EXPECT_DOUBLE_EQ(e["power_kw"].get<double>(), 0.5);
  EXPECT_EQ(e["devices_without_power"], 1);
  const double fp16_peak = static_cast<double>(g0_peak[Precision::fp16]) / kUnitsPerTflops;
  ASSERT_GT(fp16_peak, 0);
  EXPECT_NEAR(e["installed_tflops_per_kw"]["fp16"].get<double>(), fp16_peak / 0.5, 1e-9);
  EXPECT_NEAR(e["achieved_tflops_per_kw"]["fp16"].get<double>(), 0.5 * fp16_peak / 0.5, 1e-6);
}

TEST_F(Power, NoPowerMeansNullEfficiency) {
  node("sz-aicc", "n1", {accelerator("g0", 100)}, {std::nullopt});
  const nlohmann::json e = energy_json(city_power(registry));
  EXPECT_EQ(e["power_kw"], 0.0);
  EXPECT_EQ(e["devices_with_power"], 0);
  EXPECT_EQ(e["devices_without_power"], 1);
  EXPECT_TRUE(e["achieved_tflops_per_kw"]["fp16"].is_null());
  EXPECT_TRUE(e["installed_tflops_per_kw"]["fp64"].is_null());
}

TEST_F(Power, ImplausibleReadingsAddNothingAndAreCounted) {
  node("sz-aicc", "n1", {accelerator("g0", 100), accelerator("g1", 100), accelerator("g2", 100)},
       {1e9, -5.0, 300.0});
  const PowerTotals& p = city_power(registry);
  EXPECT_EQ(p.power_mw, 300'000);
  EXPECT_EQ(p.with_power, 1);
  EXPECT_EQ(p.without_power, 2);
  EXPECT_EQ(p.implausible, 2);
  EXPECT_EQ(energy_json(p)["devices_implausible_power"], 2);
}

TEST_F(Power, SlicesDoNotAddToTheirParentsReading) {
  const wire::Device parent = accelerator("g0", 70);
  const std::vector<wire::Device> devices = {parent, test::slice(parent, "g0-mig0", 3.0 / 7),
                                             test::slice(parent, "g0-mig1", 4.0 / 7)};
  // The agent repeats the board's power on its slices; only the parent's counts.
  node("sz-aicc", "n1", devices, {400.0, 400.0, 400.0});
  const PowerTotals& p = city_power(registry);
  EXPECT_EQ(p.power_mw, 400'000);
  EXPECT_EQ(p.with_power, 1);
  EXPECT_EQ(p.without_power, 0);
  // The slices' achieved is the parent's, and counts with the parent's power.
  EXPECT_EQ(p.achieved,
            registry.indicator().city().contribution.of(ComputeClass::intelligent).achieved);
  EXPECT_NE(p.achieved, PrecisionUnits{});
}

TEST_F(Power, AParentWithoutAReadingLeavesItsSlicesAchievedOutOfEfficiency) {
  const wire::Device parent = accelerator("g0", 700);
  node("sz-aicc", "n1", {parent, test::slice(parent, "g0-mig0", 1.0)}, {std::nullopt, 400.0});
  const PowerTotals& p = city_power(registry);
  EXPECT_EQ(p.power_mw, 0);
  EXPECT_EQ(p.without_power, 1);
  EXPECT_EQ(p.achieved, PrecisionUnits{});
}

TEST_F(Power, ByClassCenterAndDistrictInTheApi) {
  node("sz-aicc", "n1", {accelerator("g0", 100), test::cpu("cpu0", 2)}, {612.5, 150.0});
  node("sz-scc", "s1", {accelerator("g0", 100)}, {300.0});
  const nlohmann::json j = indicator_json(registry, kT0 + 2);
  EXPECT_DOUBLE_EQ(j["energy"]["power_kw"].get<double>(), 1.0625);
  EXPECT_EQ(j["energy"]["devices_with_power"], 3);
  EXPECT_DOUBLE_EQ(j["classes"]["intelligent"]["energy"]["power_kw"].get<double>(), 0.6125);
  EXPECT_DOUBLE_EQ(j["classes"]["general"]["energy"]["power_kw"].get<double>(), 0.15);
  EXPECT_DOUBLE_EQ(j["classes"]["supercomputing"]["energy"]["power_kw"].get<double>(), 0.3);
  std::map<std::string, double> by_center;
  for (const nlohmann::json& c : j["centers"])
    by_center[c["id"]] = c["energy"]["power_kw"];
  EXPECT_EQ(by_center,
            (std::map<std::string, double>{{"ks-ai", 0}, {"sz-aicc", 0.7625}, {"sz-scc", 0.3}}));
  std::map<std::string, double> by_district;
  for (const nlohmann::json& d : j["by_district"])
    by_district[d["district"]] = d["energy"]["power_kw"];
  EXPECT_EQ(by_district.at("wz"), 0.3);
  EXPECT_EQ(by_district.at("gyq"), 0.7625);
  const auto center = center_json(registry, "sz-aicc");
  ASSERT_TRUE(center);
  EXPECT_DOUBLE_EQ((*center)["energy"]["power_kw"].get<double>(), 0.7625);
  EXPECT_EQ((*center)["classes"]["general"]["energy"]["devices_with_power"], 1);
}

}  // namespace
}  // namespace suanli::central
