// Quantum devices are counted in qubits, installed and live, by city, center and district, and
// never in any FLOPS figure (docs/indicator.md, "Quantum").
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::header;
using test::kT0;
using test::quantum;

// The window of `devices` in which the quantum ones are unmeasured, as the agent sends them.
wire::Data window(const wire::Header& h, const std::vector<wire::Device>& devices,
                  const std::vector<std::string>& unhealthy = {}) {
  wire::Data d = test::data(h, devices, 0.5, unhealthy);
  for (std::size_t i = 0; i < devices.size(); ++i) {
    if (devices[i].device_class == DeviceClass::quantum) test::unmeasured(d.devices[i]);
  }
  return d;
}

CoreSettings with_quantum_center() {
  CoreSettings s = test::settings();
  s.centers["sz-qc"] =
      config::CenterConfig{"量子科技长三角产业创新中心", "xc", config::ComputeClass::quantum};
  return s;
}

class Quantum : public ::testing::Test {
 protected:
  Quantum() : registry(with_quantum_center()) {}

  const Contribution& city() const { return registry.indicator().city().contribution; }

  Registry registry;
};

TEST_F(Quantum, QubitsAreCountedInstalledAndLiveAndInNoFlopsFigure) {
  const std::vector<wire::Device> devices = {quantum("quantum-0", 504), quantum("quantum-1", 72),
                                             test::cpu("cpu", 1)};
  registry.apply(test::birth(header("sz-qc", "qc1", 1, 0), devices), kT0);
  EXPECT_EQ(city().quantum, (QuantumCounts{2, 0, 576, 0}));
  registry.apply(window(header("sz-qc", "qc1", 1, 0), devices, {"quantum-1"}), kT0 + 1);
  EXPECT_EQ(city().quantum, (QuantumCounts{2, 1, 576, 504}));

  // The CPU of a quantum center counts as in an intelligent one (general); the quantum devices
  // add to no FLOPS figure, no device count and no unknown count.
  const Totals all = city().total();
  EXPECT_EQ(all.installed, city().of(ComputeClass::general).installed);
  EXPECT_EQ(all.installed[Precision::fp64], 1'000'000);
  EXPECT_EQ(all.live[Precision::fp64], 1'000'000);
  EXPECT_EQ(all.achieved[Precision::fp64], 500'000);
  for (Precision p : kAllPrecisions)
    EXPECT_EQ(all.unknown_devices[p], 0) << to_string(p);
  EXPECT_EQ(city().counts.devices, 1);
  EXPECT_EQ(city().counts.unknown_peak, 0);
  EXPECT_EQ(city().counts.unknown_achieved, 0);
  EXPECT_EQ(city().counts.of(Verdict::verified) + city().counts.of(Verdict::corrected) +
                city().counts.of(Verdict::unverified),
            1)
      << "only the CPU has a peak to verify";
}

TEST_F(Quantum, TotalsStayExactAsANodeGoesOfflineAndComesBackWithoutItsQuantumDevice) {
  const std::vector<wire::Device> devices = {quantum("quantum-0", 504)};
  registry.apply(test::birth(header("sz-qc", "qc1", 1, 0), devices), kT0);
  registry.apply(window(header("sz-qc", "qc1", 1, 0), devices), kT0 + 1);
  registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), {quantum("quantum-0", 8)}), kT0);
  registry.apply(window(header("sz-aicc", "n1", 1, 0), {quantum("quantum-0", 8)}), kT0 + 1);
  EXPECT_EQ(city().quantum, (QuantumCounts{2, 2, 512, 512}));
  EXPECT_EQ(registry.indicator().centers().at("sz-qc").contribution.quantum,
            (QuantumCounts{1, 1, 504, 504}));
  EXPECT_EQ(registry.indicator().districts().at("gyq").contribution.quantum,
            (QuantumCounts{1, 1, 8, 8}));

  registry.apply(test::status(header("sz-qc", "qc1", 1, 1), false), kT0 + 2);
  EXPECT_EQ(city().quantum, (QuantumCounts{2, 1, 512, 8})) << "offline: installed, not live";

  registry.apply(test::birth(header("sz-qc", "qc1", 2, 0), {test::cpu("cpu", 1)}), kT0 + 3);
  EXPECT_EQ(city().quantum, (QuantumCounts{1, 1, 8, 8}));
  EXPECT_EQ(registry.indicator().centers().at("sz-qc").contribution.quantum, QuantumCounts{});
}

TEST_F(Quantum, TheIndicatorShowsQubitsForTheCityEachCenterAndEachDistrict) {
  const std::vector<wire::Device> devices = {quantum("quantum-0", 504)};
  registry.apply(test::birth(header("sz-qc", "qc1", 1, 0), devices), kT0);
  registry.apply(window(header("sz-qc", "qc1", 1, 0), devices), kT0 + 1);
  const nlohmann::json want = {
      {"devices", 1}, {"devices_live", 1}, {"installed_qubits", 504}, {"live_qubits", 504}};
  const nlohmann::json j = indicator_json(registry, kT0 + 2);
  EXPECT_EQ(j.at("quantum"), want);
  bool center_seen = false;
  for (const auto& c : j.at("centers")) {
    if (c.at("id") != "sz-qc") continue;
    center_seen = true;
    EXPECT_EQ(c.at("class"), "quantum");
    EXPECT_EQ(c.at("quantum"), want);
    EXPECT_EQ(c.at("all_classes").at("installed_pflops").at("fp16"), 0.0);
  }
  EXPECT_TRUE(center_seen);
  ASSERT_EQ(j.at("by_district").size(), 1u);
  EXPECT_EQ(j.at("by_district")[0].at("quantum"), want);
  EXPECT_EQ(center_json(registry, "sz-qc")->at("quantum"), want);
  EXPECT_EQ(j.at("headline").at("installed_pflops"), 0.0);
}

}  // namespace
}  // namespace suanli::central
