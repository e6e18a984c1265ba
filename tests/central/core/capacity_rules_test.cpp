// docs/design.md, "Capacity rules": classes, slices, health, precisions, the headline.

#include <gtest/gtest.h>

#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::accelerator;
using test::header;

using test::kT0;

struct Node {
  std::string center;
  std::string node;
  std::vector<wire::Device> devices;
};

class CapacityRules : public ::testing::Test {
 protected:
  CapacityRules() : registry(test::settings()) {}

  void bring_up(const Node& n, double activity = 0.5,
                const std::vector<std::string>& unhealthy = {}) {
    registry.apply(test::birth(header(n.center, n.node, 1, 0), n.devices), kT0);
    registry.apply(test::data(header(n.center, n.node, 1, 0), n.devices, activity, unhealthy),
                   kT0 + 1);
  }
  const Totals& city(ComputeClass c) const {
    return registry.indicator().city().contribution.of(c);
  }

  Registry registry;
};

TEST_F(CapacityRules, AcceleratorsAreIntelligentAndCpusGeneral) {
  bring_up({"sz-aicc", "n1", {accelerator("gpu0", 10), test::cpu("cpu", 1)}});
  EXPECT_EQ(city(ComputeClass::intelligent).installed[Precision::fp64], 10'000'000);
  EXPECT_EQ(city(ComputeClass::general).installed[Precision::fp64], 1'000'000);
  EXPECT_EQ(city(ComputeClass::supercomputing).installed[Precision::fp64], 0);
}

TEST_F(CapacityRules, ADeviceOfABackendCentralDoesNotKnowIsCountedByItsClass) {
  wire::Device future = accelerator("mlu0", 10);
  future.backend = "a-backend-from-2030";
  bring_up({"sz-aicc", "n1", {future, accelerator("gpu0", 10)}});
  EXPECT_EQ(city(ComputeClass::intelligent).installed[Precision::fp64], 20'000'000);
  EXPECT_EQ(city(ComputeClass::intelligent).achieved[Precision::fp64], 10'000'000);
}

TEST_F(CapacityRules, ACenterClassOverridePutsAllItsDevicesInThatClass) {
  bring_up({"sz-scc", "cn1", {accelerator("gpu0", 10), test::cpu("cpu", 1)}});
  bring_up({"ks-ai", "k1", {accelerator("gpu0", 10)}});
  EXPECT_EQ(city(ComputeClass::supercomputing).installed[Precision::fp64], 11'000'000);
  EXPECT_EQ(city(ComputeClass::general).installed[Precision::fp64], 10'000'000);
  EXPECT_EQ(city(ComputeClass::intelligent).installed[Precision::fp64], 0);
}

TEST_F(CapacityRules, AnUnhealthyDeviceStaysInstalledAndLeavesLive) {
  bring_up({"sz-aicc", "n1", {accelerator("gpu0", 10), accelerator("gpu1", 10)}}, 0.5, {"gpu1"});
  const Totals& t = city(ComputeClass::intelligent);
  EXPECT_EQ(t.installed[Precision::fp16], 100'000'000);
  EXPECT_EQ(t.live[Precision::fp16], 50'000'000);
  EXPECT_EQ(t.achieved[Precision::fp16], 25'000'000);
}

TEST_F(CapacityRules, AMigParentsPeakIsCountedOnce) {
  wire::Device gpu = accelerator("gpu0", 10);
  bring_up(
      {"sz-aicc",
       "n1",
       {gpu, test::slice(gpu, "gpu0-mig-1", 3.0 / 7.0), test::slice(gpu, "gpu0-mig-2", 4.0 / 7.0)}},
      0.7);
  const Totals& t = city(ComputeClass::intelligent);
  EXPECT_EQ(t.installed[Precision::fp16], 50'000'000);
  EXPECT_EQ(t.live[Precision::fp16], 50'000'000);
  EXPECT_EQ(t.achieved[Precision::fp16], 35'000'000);  // the slices' figures, 0.7 x 50
  EXPECT_EQ(registry.indicator().city().contribution.counts.devices, 1);
}

TEST_F(CapacityRules, AParentsOwnAchievedIsNotAddedToItsSlices) {
  wire::Device gpu = accelerator("gpu0", 10);
  std::vector<wire::Device> devices = {gpu, test::slice(gpu, "gpu0-mig-1", 0.5)};
  registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), devices), kT0);
  wire::Data d = test::data(header("sz-aicc", "n1", 1, 0), devices, 1.0);
  d.devices[0].achieved_tflops = gpu.peak_tflops;  // against the protocol, but possible
  registry.apply(d, kT0 + 1);
  EXPECT_EQ(city(ComputeClass::intelligent).achieved[Precision::fp16], 25'000'000);
}

TEST_F(CapacityRules, UnknownAndDerivedPeaksAreCounted) {
  bring_up({"sz-aicc",
            "n1",
            {accelerator("gpu0", 10), accelerator("gpu1", 10, PeakSource::unknown),
             test::cpu("cpu", 1)}});
  const DeviceCounts& c = registry.indicator().city().contribution.counts;
  EXPECT_EQ(c.devices, 3);
  EXPECT_EQ(c.unknown_peak, 1);
  EXPECT_EQ(c.derived_peak, 1);
  EXPECT_EQ(city(ComputeClass::intelligent).installed[Precision::fp16], 50'000'000);
}

TEST_F(CapacityRules, PrecisionsAreNeverAddedTogether) {
  wire::Device a = accelerator("a", 0);
  a.peak_tflops = PrecisionMap{};
  a.peak_tflops[Precision::fp16] = 100;
  wire::Device b = accelerator("b", 0);
  b.peak_tflops = PrecisionMap{};
  b.peak_tflops[Precision::fp32] = 30;
  bring_up({"sz-aicc", "n1", {a, b}});
  const Totals t = registry.indicator().city().contribution.total();
  EXPECT_EQ(t.installed[Precision::fp16], 100'000'000);
  EXPECT_EQ(t.installed[Precision::fp32], 30'000'000);
  EXPECT_EQ(t.installed[Precision::bf16], 0);
  const auto j = indicator_json(registry, 0);
  EXPECT_DOUBLE_EQ(j["all_classes"]["installed_pflops"]["fp16"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(j["all_classes"]["installed_pflops"]["fp32"].get<double>(), 0.03);
}

TEST_F(CapacityRules, HeadlineProgressIsInstalledOverTarget) {
  CoreSettings s = test::settings();
  s.target_pflops = 2;
  s.target_year = 2030;
  Registry r(s);
  wire::Device gpu = accelerator("gpu0", 0);
  gpu.peak_tflops[Precision::fp16] = 500;  // 0.5 PFLOPS
  std::vector<wire::Device> devs = {gpu, gpu, test::cpu("cpu", 100)};
  devs[1].id = "gpu1";
  r.apply(test::birth(header("sz-aicc", "n1", 1, 0), devs), kT0);
  const auto h = indicator_json(r, kT0)["headline"];
  EXPECT_EQ(h["class"], "intelligent");
  EXPECT_EQ(h["precision"], "fp16");
  EXPECT_DOUBLE_EQ(h["installed_pflops"].get<double>(), 1.0);  // the CPU is general, not counted
  EXPECT_DOUBLE_EQ(h["target_pflops"].get<double>(), 2.0);
  EXPECT_EQ(h["target_year"], 2030);
  EXPECT_DOUBLE_EQ(h["progress"].get<double>(), 0.5);
}

TEST_F(CapacityRules, DefaultSettingsFollowDesign) {
  const CoreSettings s = CoreSettings::from(config::CentralConfig{});
  EXPECT_EQ(s.headline_class, ComputeClass::intelligent);
  EXPECT_EQ(s.headline_precision, Precision::fp16);
  EXPECT_EQ(s.target_pflops, 20000);
  EXPECT_EQ(s.target_year, 2027);
  EXPECT_EQ(s.stale_after_intervals, 3);
  EXPECT_EQ(s.retire_after_s, 604800);
}

TEST_F(CapacityRules, DistrictComesFromConfigElseFromTheBirth) {
  registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), {accelerator("g", 1)}, "ignored"), kT0);
  registry.apply(test::birth(header("wj-dc", "n1", 1, 0), {accelerator("g", 1)}, "吴江区"), kT0);
  registry.apply(test::birth(header("ks-ai", "n1", 1, 0), {accelerator("g", 1)}), kT0);
  EXPECT_EQ(registry.find("sz-aicc", "n1")->district, "gyq");
  EXPECT_EQ(registry.find("wj-dc", "n1")->district, "吴江区");
  EXPECT_EQ(registry.find("ks-ai", "n1")->district, "");
  EXPECT_EQ(registry.indicator().districts().size(), 3u);
}

}  // namespace
}  // namespace suanli::central
