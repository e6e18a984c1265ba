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

collectors::Reading measured(Method method, double activity) {
  collectors::Reading r;
  r.method = method;
  r.activity = activity;
  return r;
}

TEST(AgentWindow, OneMethodThroughoutNeedsNoShares) {
  WindowAccumulator w({device("gpu-0", 989.4)});
  w.add({measured(Method::gpm_tensor, 0.4)});
  w.add({measured(Method::gpm_tensor, 0.6)});
  auto out = w.device_windows();
  EXPECT_EQ(out[0].method, Method::gpm_tensor);
  EXPECT_FALSE(out[0].method_shares);
  EXPECT_EQ(wire::shares_of(out[0]), MethodShares::only(Method::gpm_tensor));
}

TEST(AgentWindow, MixedMethodsCarryTheShareOfEach) {
  WindowAccumulator w({device("gpu-0", 1000)});
  // GPM fails in the middle: one sample falls back to busy time.
  w.add({measured(Method::gpm_tensor, 0.2)});
  w.add({measured(Method::busy_time, 0.9)});
  w.add({measured(Method::gpm_tensor, 0.4)});
  w.add({measured(Method::gpm_tensor, 0.2)});
  auto out = w.device_windows();
  EXPECT_EQ(out[0].method, Method::gpm_tensor);  // most samples
  ASSERT_TRUE(out[0].method_shares);
  EXPECT_DOUBLE_EQ((*out[0].method_shares)[Method::gpm_tensor], 0.75);
  EXPECT_DOUBLE_EQ((*out[0].method_shares)[Method::busy_time], 0.25);
  EXPECT_DOUBLE_EQ((*out[0].method_shares)[Method::sm_active], 0);
  // Activity is the mean of every measured sample, whatever its method.
  EXPECT_DOUBLE_EQ(*out[0].activity_mean, 0.425);
  EXPECT_DOUBLE_EQ(*out[0].achieved_tflops[Precision::fp16], 425);
}

TEST(AgentWindow, MethodOfMostSamplesATieGoesToTheBest) {
  WindowAccumulator w({device("gpu-0", 100), device("gpu-1", 100)});
  w.add({measured(Method::busy_time, 0.5), measured(Method::busy_time, 0.5)});
  w.add({measured(Method::busy_time, 0.5), measured(Method::sm_active, 0.5)});
  w.add({measured(Method::gpm_tensor, 0.5), measured(Method::none, 0.5)});
  auto out = w.device_windows();
  EXPECT_EQ(out[0].method, Method::busy_time);  // 2 of 3, though the latest was GPM
  EXPECT_EQ(out[1].method, Method::sm_active);  // 1 each: sm_active is better than busy_time
  ASSERT_TRUE(out[1].method_shares);
  EXPECT_DOUBLE_EQ((*out[1].method_shares)[Method::sm_active], 0.5);  // none is not a sample
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
  EXPECT_FALSE(out[0].method_shares);
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
