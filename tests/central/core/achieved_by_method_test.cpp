// Achieved by the method that measured it, and devices whose achieved is unknown
// (docs/indicator.md, "The three figures").

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::header;
using test::kT0;

constexpr std::size_t kGpm = static_cast<std::size_t>(Method::gpm_tensor);
constexpr std::size_t kSm = static_cast<std::size_t>(Method::sm_active);
constexpr std::size_t kBusy = static_cast<std::size_t>(Method::busy_time);

// An A100 in MIG mode: NVML answers utilization NOT_SUPPORTED and Ampere has no GPM.
std::vector<wire::Device> a100_under_mig() {
  wire::Device gpu = test::accelerator("GPU-a100", 10);
  gpu.uuid = "GPU-a100";
  return {gpu, test::slice(gpu, "MIG-3g", 3.0 / 7), test::slice(gpu, "MIG-2g", 2.0 / 7),
          test::slice(gpu, "MIG-1g", 1.0 / 7)};
}

class AchievedByMethod : public ::testing::Test {
 protected:
  AchievedByMethod() : registry(test::settings()) {}

  void bring_up(const std::string& node, const std::vector<wire::Device>& devices,
                const std::function<void(wire::Data&)>& edit) {
    registry.apply(test::birth(header("sz-aicc", node, 1, 0), devices), kT0);
    wire::Data window = test::data(header("sz-aicc", node, 1, 0), devices, 0.5);
    edit(window);
    registry.apply(window, kT0 + 1);
  }
  const Aggregate& city() const { return registry.indicator().city(); }
  const Totals& intelligent() const { return city().contribution.of(ComputeClass::intelligent); }

  Registry registry;
};

TEST_F(AchievedByMethod, AnA100UnderMigWithoutGpmIsUnknownNotZero) {
  bring_up("a100", a100_under_mig(), [](wire::Data& d) {
    for (auto& w : d.devices)
      test::unmeasured(w);
  });
  const Totals& t = intelligent();
  EXPECT_EQ(t.live[Precision::fp16], 50'000'000);             // the A100 is live: 50 TFLOPS fp16
  EXPECT_EQ(t.achieved[Precision::fp16], 0);                  // nothing is added for it...
  EXPECT_EQ(city().contribution.counts.unknown_achieved, 1);  // ...and it is said to be unknown
  for (const PrecisionUnits& part : t.achieved_by_method)
    EXPECT_EQ(part, PrecisionUnits{});

  const nlohmann::json j = indicator_json(registry, kT0 + 2);
  EXPECT_EQ(j["counts"]["devices"], 1);
  EXPECT_EQ(j["counts"]["devices_unknown_achieved"], 1);
  const auto center = center_json(registry, "sz-aicc");
  ASSERT_TRUE(center);
  EXPECT_EQ((*center)["devices_unknown_achieved"], 1);
  EXPECT_EQ((*center)["classes"]["intelligent"]["achieved_pflops"], 0);
}

TEST_F(AchievedByMethod, OneSliceUnmeasuredMakesItsGpuPartlyUnknown) {
  bring_up("a100", a100_under_mig(), [](wire::Data& d) {
    test::unmeasured(d.devices[3]);  // MIG-1g; the fixture measures the others
  });
  EXPECT_EQ(city().contribution.counts.unknown_achieved, 1);
  // 3/7 and 2/7 of 50 TFLOPS at 0.5, all busy time.
  EXPECT_EQ(intelligent().achieved[Precision::fp16], 17'857'143);
  EXPECT_EQ(intelligent().achieved_by_method[kBusy][Precision::fp16], 17'857'143);
}

TEST_F(AchievedByMethod, MeasuredDevicesAreNotUnknown) {
  bring_up("a100", a100_under_mig(), [](wire::Data&) {});
  EXPECT_EQ(city().contribution.counts.unknown_achieved, 0);
}

TEST_F(AchievedByMethod, AMixedWindowIsSplitByItsShares) {
  bring_up("h100", {test::h100("GPU-h100")},
           [](wire::Data& d) { test::mixed(d.devices[0], 0.75); });
  const Totals& t = intelligent();
  EXPECT_EQ(t.achieved[Precision::fp16], 494'700'000);  // 0.5 x 989.4 TFLOPS
  EXPECT_EQ(t.achieved_by_method[kGpm][Precision::fp16], 371'025'000);
  EXPECT_EQ(t.achieved_by_method[kBusy][Precision::fp16], 123'675'000);
  EXPECT_EQ(t.achieved_by_method[kSm][Precision::fp16], 0);

  const nlohmann::json j = indicator_json(registry, kT0 + 2);
  EXPECT_DOUBLE_EQ(j["headline"]["achieved_pflops"].get<double>(), 0.4947);
  EXPECT_DOUBLE_EQ(j["headline"]["achieved_by_method"]["gpm_tensor"].get<double>(), 0.371025);
  EXPECT_DOUBLE_EQ(j["headline"]["achieved_by_method"]["busy_time"].get<double>(), 0.123675);
  EXPECT_DOUBLE_EQ(j["headline"]["achieved_by_method"]["cpu_time"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(
      j["by_class"]["intelligent"]["achieved_by_method"]["gpm_tensor"]["fp16"].get<double>(),
      0.371025);
  EXPECT_EQ(j["counts"]["devices_unknown_achieved"], 0);
}

TEST_F(AchievedByMethod, AWindowWithoutSharesIsAllItsMethod) {
  // An agent from before method_shares.
  bring_up("h100", {test::h100("GPU-h100")},
           [](wire::Data& d) { d.devices[0].method = Method::sm_active; });
  EXPECT_EQ(intelligent().achieved_by_method[kSm], intelligent().achieved);
}

TEST_F(AchievedByMethod, RemovingANodeTakesItsSplitBackOut) {
  bring_up("h100", {test::h100("GPU-h100")}, [](wire::Data& d) {
    d.devices[0].method = Method::gpm_tensor;
    d.devices[0].method_shares = MethodShares{{1.0 / 3, 1.0 / 3, 1.0 / 3, 0}};
  });
  registry.apply(test::status(header("sz-aicc", "h100", 1, 1), false), kT0 + 2);
  EXPECT_EQ(intelligent().achieved, PrecisionUnits{});
  for (const PrecisionUnits& part : intelligent().achieved_by_method)
    EXPECT_EQ(part, PrecisionUnits{});
}

TEST(SplitByMethod, PartsAddUpToTheWholeExactly) {
  PrecisionUnits achieved;
  for (Precision p : kAllPrecisions)
    achieved[p] = 1'000'000'007 * (static_cast<Units>(p) + 1);
  const MethodShares thirds{{1.0 / 3, 1.0 / 3, 1.0 / 3, 0}};
  const auto parts = split_by_method(achieved, thirds);
  for (Precision p : kAllPrecisions) {
    Units sum = 0;
    for (const PrecisionUnits& part : parts)
      sum += part[p];
    EXPECT_EQ(sum, achieved[p]) << to_string(p);
    EXPECT_NEAR(static_cast<double>(parts[kGpm][p]), static_cast<double>(achieved[p]) / 3, 1);
    EXPECT_EQ(parts[static_cast<std::size_t>(Method::cpu_time)][p], 0);
  }
}

TEST(SplitByMethod, NothingMeasuredSplitsNothing) {
  PrecisionUnits achieved;
  achieved[Precision::fp16] = 5;
  for (const PrecisionUnits& part : split_by_method(achieved, MethodShares{}))
    EXPECT_EQ(part, PrecisionUnits{});
}

}  // namespace
}  // namespace suanli::central
