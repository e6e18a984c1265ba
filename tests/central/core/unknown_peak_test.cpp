// A missing precision is unknown, never 0: per precision, central counts the devices whose
// figure is unknown instead of adding 0 for them, and splits installed by confidence
// (docs/indicator.md).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::header;
using test::kT0;

PrecisionSet set_of(std::initializer_list<Precision> ps) {
  PrecisionSet s;
  for (Precision p : ps)
    s.insert(p);
  return s;
}

class UnknownPeak : public ::testing::Test {
 protected:
  UnknownPeak() : registry(test::settings()) {}

  const Totals& intelligent() const {
    return registry.indicator().city().contribution.of(ComputeClass::intelligent);
  }
  const Totals& general() const {
    return registry.indicator().city().contribution.of(ComputeClass::general);
  }
  void birth(std::vector<wire::Device> devices) {
    registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), std::move(devices)), kT0);
  }

  Registry registry;
};

TEST_F(UnknownPeak, ThePrecisionsABirthCallsUnknownAreCountedNotAdded) {
  wire::Device npu = test::accelerator("npu0", 0, PeakSource::catalog);
  npu.peak_tflops = PrecisionMap{};
  npu.peak_tflops[Precision::fp16] = 320;
  npu.peak_tflops[Precision::int8] = 640;
  npu.peak_confidence = PeakConfidence::low;
  npu.peak_unknown = set_of({Precision::fp32, Precision::bf16});
  birth({npu});
  EXPECT_EQ(intelligent().unknown_devices[Precision::fp32], 1);
  EXPECT_EQ(intelligent().unknown_devices[Precision::bf16], 1);
  EXPECT_EQ(intelligent().unknown_devices[Precision::fp16], 0);
  EXPECT_EQ(intelligent().unknown_devices[Precision::fp8], 0) << "not said unknown: no such rate";
  EXPECT_EQ(intelligent().installed[Precision::fp16], 320'000'000);
  const auto low = static_cast<std::size_t>(Confidence::low);
  EXPECT_EQ(intelligent().installed_by_confidence[low][Precision::fp16], 320'000'000);
  EXPECT_EQ(registry.indicator().city().contribution.counts.unknown_peak, 0);
}

TEST_F(UnknownPeak, AnUnknownSourceIsUnknownInEveryPrecisionOfItsClass) {
  wire::Device gpu = test::accelerator("gpu0", 0, PeakSource::unknown);
  gpu.peak_unknown = PrecisionSet{};  // even when the birth lists none
  birth({gpu, test::cpu("cpu", 0, PeakSource::unknown)});
  for (Precision p : kAllPrecisions)
    EXPECT_EQ(intelligent().unknown_devices[p], 1) << to_string(p);
  EXPECT_EQ(general().unknown_devices[Precision::fp64], 1);
  EXPECT_EQ(general().unknown_devices[Precision::fp32], 1);
  EXPECT_EQ(general().unknown_devices[Precision::fp16], 0) << "a CPU has no fp16 figure to miss";
  EXPECT_EQ(registry.indicator().city().contribution.counts.unknown_peak, 2);
}

TEST_F(UnknownPeak, AnOlderAgentsMissingFiguresAreUnknown) {
  wire::Device gpu = test::accelerator("gpu0", 0, PeakSource::derived);
  gpu.peak_tflops = PrecisionMap{};
  gpu.peak_tflops[Precision::fp16] = 100;  // no peak_unknown: every other precision is unknown
  birth({gpu});
  EXPECT_EQ(intelligent().unknown_devices[Precision::fp16], 0);
  EXPECT_EQ(intelligent().unknown_devices[Precision::fp32], 1);
  EXPECT_EQ(intelligent().unknown_devices[Precision::int8], 1);
  const auto unstated = kConfidenceLevels;
  EXPECT_EQ(intelligent().installed_by_confidence[unstated][Precision::fp16], 100'000'000);
}

TEST_F(UnknownPeak, CentralsCatalogFigureIsNotUnknown) {
  wire::Device gpu = test::h100("gpu0");
  gpu.peak_tflops = PrecisionMap{};
  gpu.peak_tflops[Precision::fp16] = 989.4;
  gpu.peak_unknown = set_of({Precision::fp32});  // the agent's catalog lacked it; central's has it
  birth({gpu});
  EXPECT_EQ(intelligent().unknown_devices[Precision::fp32], 0);
  EXPECT_EQ(intelligent().installed[Precision::fp32], 66'900'000);
  const auto high = static_cast<std::size_t>(Confidence::high);
  EXPECT_EQ(intelligent().installed_by_confidence[high][Precision::fp32], 66'900'000);
}

TEST_F(UnknownPeak, TheIndicatorSaysHowManyDevicesEachTotalLeavesOut) {
  wire::Device npu = test::accelerator("npu0", 0, PeakSource::catalog);
  npu.peak_tflops = PrecisionMap{};
  npu.peak_tflops[Precision::fp16] = 320;
  npu.peak_confidence = PeakConfidence::low;
  npu.peak_unknown = set_of({Precision::bf16});
  birth({npu, test::accelerator("gpu1", 0, PeakSource::unknown)});
  const nlohmann::json j = indicator_json(registry, kT0);
  EXPECT_EQ(j["headline"]["devices_unknown_peak"], 1) << "fp16 of the intelligent class";
  EXPECT_EQ(j["classes"]["intelligent"]["devices_unknown_peak"], 1);
  EXPECT_EQ(j["by_class"]["intelligent"]["devices_unknown_peak"]["bf16"], 2);
  EXPECT_EQ(j["all_classes"]["devices_unknown_peak"]["fp16"], 1);
  EXPECT_EQ(j["counts"]["devices_unknown_peak_by_precision"]["bf16"], 2);
  EXPECT_EQ(j["counts"]["devices_unknown_peak"], 1) << "unknown in every precision";
  EXPECT_DOUBLE_EQ(j["all_classes"]["installed_by_confidence"]["low"]["fp16"].get<double>(), 0.32);
  EXPECT_DOUBLE_EQ(j["all_classes"]["installed_by_confidence"]["high"]["fp16"].get<double>(), 0);
}

}  // namespace
}  // namespace suanli::central
