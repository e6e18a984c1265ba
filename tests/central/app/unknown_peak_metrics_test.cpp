// /metrics says per precision how many devices a total leaves out because their figure is unknown.
#include <gtest/gtest.h>

#include <string>

#include "central/app/metrics.hpp"
#include "central/core/ingest.hpp"
#include "tests/central/core/fixtures.hpp"

namespace suanli::central {
namespace {

TEST(UnknownPeakMetrics, DevicesWithAnUnknownFigureArePerPrecision) {
  Registry registry(test::settings());
  wire::Device npu = test::accelerator("npu0", 0, PeakSource::catalog);
  npu.peak_tflops = PrecisionMap{};
  npu.peak_tflops[Precision::fp16] = 320;
  npu.peak_unknown = PrecisionSet{};
  npu.peak_unknown->insert(Precision::bf16);
  registry.apply(test::birth(test::header("sz-aicc", "n1", 1, 0),
                             {npu, test::accelerator("gpu1", 0, PeakSource::unknown)}),
                 test::kT0);
  Ingest ingest(registry);
  const auto text = metrics_text(registry, ingest, ServiceGauges{}, test::kT0);
  ASSERT_TRUE(text) << text.error();
  EXPECT_NE(text->find("suanli_devices_unknown_peak_by_precision{precision=\"bf16\"} 2\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("suanli_devices_unknown_peak_by_precision{precision=\"fp16\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text->find("suanli_devices_unknown_peak 1\n"), std::string::npos);
}

}  // namespace
}  // namespace suanli::central
