// /metrics reports achieved by the method that measured it, and how many live devices' achieved
// is unknown.

#include <gtest/gtest.h>

#include <string>

#include "central/app/metrics.hpp"
#include "central/core/ingest.hpp"
#include "tests/central/core/fixtures.hpp"

namespace suanli::central {
namespace {

using test::header;
using test::kT0;

TEST(MetricsByMethod, AchievedIsSplitByMethodAndUnknownDevicesAreCounted) {
  Registry registry(test::settings());
  Ingest ingest(registry);
  const std::vector<wire::Device> devices = {test::h100("GPU-h100"),
                                             test::accelerator("GPU-a100", 10)};
  registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), devices), kT0);
  wire::Data window = test::data(header("sz-aicc", "n1", 1, 0), devices, 0.5);
  test::mixed(window.devices[0], 0.75);
  test::unmeasured(window.devices[1]);  // nothing measured the A100
  registry.apply(window, kT0 + 1);

  const auto text = metrics_text(registry, ingest, ServiceGauges{}, kT0 + 2);
  ASSERT_TRUE(text) << text.error();
  const std::string labels = R"({center="sz-aicc",district="gyq",class="intelligent",)";
  // 0.5 x 989.4 TFLOPS fp16: three quarters by GPM, a quarter by busy time.
  for (
      const std::string& sample :
      {"suanli_achieved_pflops" + labels + R"(precision="fp16"} 0.4947)",
       "suanli_achieved_by_method_pflops" + labels +
           R"(precision="fp16",method="gpm_tensor"} 0.371025)",
       "suanli_achieved_by_method_pflops" + labels +
           R"(precision="fp16",method="busy_time"} 0.123675)",
       "suanli_achieved_by_method_pflops" + labels + R"(precision="fp16",method="sm_active"} 0)",
       std::string(
           R"(suanli_headline_achieved_by_method_pflops{class="intelligent",precision="fp16",method="gpm_tensor"} 0.371025)"),
       std::string("suanli_devices_unknown_achieved 1\n")}) {
    EXPECT_NE(text->find(sample), std::string::npos) << sample << "\n" << *text;
  }
}

}  // namespace
}  // namespace suanli::central
