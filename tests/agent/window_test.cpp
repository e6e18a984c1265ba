#include "agent/window.hpp"

#include <gtest/gtest.h>

namespace suanli::agent {
namespace {

wire::Device device(std::string id, double fp16, std::optional<std::string> parent = {},
                    std::optional<double> share = {}) {
  wire::Device d;
  d.id = std::move(id);
  d.peak_tflops[Precision::fp16] = fp16;
  d.peak_tflops[Precision::fp32] = fp16 / 10;
  d.parent = std::move(parent);
  d.share = share;
  return d;
}

collectors::Reading busy(double activity) {
  collectors::Reading r;
  r.method = Method::busy_time;
  r.activity = activity;
  return r;
}

TEST(AgentWindow, MeanMaxAndAchievedPerPrecision) {
  WindowAccumulator w({device("gpu-0", 989.4)});
  w.add({busy(0.5)});
  w.add({busy(0.7)});
  auto out = w.device_windows();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(w.samples(), 2u);
  EXPECT_TRUE(out[0].healthy);
  EXPECT_EQ(out[0].method, Method::busy_time);
  EXPECT_DOUBLE_EQ(*out[0].activity_mean, 0.6);
  EXPECT_DOUBLE_EQ(*out[0].activity_max, 0.7);
  EXPECT_DOUBLE_EQ(*out[0].achieved_tflops[Precision::fp16], 0.6 * 989.4);
  EXPECT_DOUBLE_EQ(*out[0].achieved_tflops[Precision::fp32], 0.6 * 98.94);
  EXPECT_FALSE(out[0].achieved_tflops[Precision::fp64].has_value());  // peak unknown
}

TEST(AgentWindow, NoActivityMeansNoMethodAndNoAchieved) {
  WindowAccumulator w({device("gpu-0", 100)});
  collectors::Reading r;
  r.power_w = 300;
  w.add({r});
  auto out = w.device_windows();
  EXPECT_EQ(out[0].method, Method::none);
  EXPECT_FALSE(out[0].activity_mean.has_value());
  EXPECT_TRUE(out[0].achieved_tflops.empty());
  EXPECT_DOUBLE_EQ(*out[0].power_w, 300);
}

TEST(AgentWindow, HealthIsTheLatestAndReadingsKeepTheLastKnownValue) {
  WindowAccumulator w({device("gpu-0", 100)});
  auto first = busy(0.2);
  first.temperature_c = 60;
  w.add({first});
  collectors::Reading lost;
  lost.unhealthy = "gpu_lost";
  w.add({lost});
  auto out = w.device_windows();
  EXPECT_FALSE(out[0].healthy);
  EXPECT_EQ(*out[0].health_reason, "gpu_lost");
  EXPECT_DOUBLE_EQ(*out[0].temperature_c, 60);
  EXPECT_DOUBLE_EQ(*out[0].activity_mean, 0.2);
}

TEST(AgentWindow, SlicesCarryAchievedAndTheirParentDoesNot) {
  WindowAccumulator w({device("gpu-0", 700), device("mig-0", 100, "gpu-0", 1.0 / 7),
                       device("mig-1", 100, "gpu-0", 1.0 / 7)});
  w.add({busy(0.9), busy(0.5), busy(1.0)});
  auto out = w.device_windows();
  EXPECT_TRUE(out[0].achieved_tflops.empty());
  EXPECT_DOUBLE_EQ(*out[1].achieved_tflops[Precision::fp16], 50);
  EXPECT_DOUBLE_EQ(*out[2].achieved_tflops[Precision::fp16], 100);
}

}  // namespace
}  // namespace suanli::agent
