#include "collectors/sim/sim_backend.hpp"

#include <gtest/gtest.h>

#include "collectors/registry.hpp"

namespace suanli::collectors {
namespace {

config::AgentConfig sim_config(std::uint64_t seed) {
  config::AgentConfig cfg;
  cfg.collectors["sim"].enabled = config::Enablement::on;
  cfg.sim.seed = seed;
  cfg.sim.devices = {{"H100 SXM5 80GB", 3}, {"NVIDIA H20", 1}, {"Acme X1", 1}};
  return cfg;
}

TEST(SimBackend, DevicesComeFromTheConfigAndLookLikeRealOnes) {
  auto backend = make_backend("sim", sim_config(1));
  ASSERT_FALSE(backend->open().has_value());
  auto devices = backend->discover();
  ASSERT_TRUE(devices.ok());
  ASSERT_EQ(devices->size(), 5u);
  EXPECT_EQ((*devices)[0].id, "sim-0");
  EXPECT_EQ((*devices)[0].model, "NVIDIA H100 80GB HBM3");
  EXPECT_EQ((*devices)[0].vendor, "NVIDIA");
  EXPECT_EQ(*(*devices)[0].identity.pci_id, "10de:2330");
  EXPECT_EQ((*devices)[3].model, "NVIDIA H20");
  EXPECT_EQ((*devices)[4].model, "Acme X1");  // not in the catalog: its peak will be unknown
  EXPECT_FALSE((*devices)[4].identity.pci_id.has_value());
}

TEST(SimBackend, EachDeviceHasAUuidOfItsCenterNodeAndId) {
  auto cfg = sim_config(1);
  cfg.center = "sz-aicc";
  cfg.node = "gpu-a01";
  auto backend = make_backend("sim", cfg);
  ASSERT_FALSE(backend->open().has_value());
  auto devices = backend->discover();
  ASSERT_TRUE(devices.ok());
  EXPECT_EQ((*devices)[0].uuid, "sim:sz-aicc/gpu-a01/sim-0");
  EXPECT_EQ((*devices)[4].uuid, "sim:sz-aicc/gpu-a01/sim-4");
  cfg.center.reset();
  auto local = make_backend("sim", cfg);
  ASSERT_FALSE(local->open().has_value());
  EXPECT_EQ(local->discover()->at(0).uuid, "sim:local/gpu-a01/sim-0");
}

TEST(SimBackend, ActivityIsDeterministicPerSeedAndBounded) {
  auto a = make_backend("sim", sim_config(7));
  auto b = make_backend("sim", sim_config(7));
  auto c = make_backend("sim", sim_config(8));
  for (auto* backend : {a.get(), b.get(), c.get()}) {
    ASSERT_FALSE(backend->open().has_value());
    ASSERT_TRUE(backend->discover().ok());
  }
  bool differs = false;
  for (int k = 0; k < 200; ++k) {
    for (std::size_t i = 0; i < 5; ++i) {
      auto ra = a->sample(i);
      auto rb = b->sample(i);
      auto rc = c->sample(i);
      ASSERT_EQ(ra.method, Method::busy_time);
      ASSERT_TRUE(ra.activity.has_value());
      EXPECT_EQ(*ra.activity, *rb.activity);
      EXPECT_GE(*ra.activity, 0.0);
      EXPECT_LE(*ra.activity, 1.0);
      differs = differs || *ra.activity != *rc.activity;
    }
  }
  EXPECT_TRUE(differs) << "another seed should give another pattern";
}

TEST(SimBackend, ARediscoveryGoesOnWithThePatternWhereItWas) {
  auto a = make_backend("sim", sim_config(7));
  auto b = make_backend("sim", sim_config(7));
  for (auto* backend : {a.get(), b.get()}) {
    ASSERT_FALSE(backend->open().has_value());
    ASSERT_TRUE(backend->discover().ok());
  }
  for (int k = 0; k < 10; ++k) {
    a->sample(0);
    b->sample(0);
  }
  ASSERT_TRUE(a->discover().ok());  // `b` is not rediscovered
  for (int k = 0; k < 10; ++k)
    EXPECT_EQ(*a->sample(0).activity, *b->sample(0).activity) << "sample " << 10 + k;
}

TEST(SimBackend, PowerFollowsActivityWithinTheBoardLimit) {
  auto backend = make_backend("sim", sim_config(7));
  ASSERT_FALSE(backend->open().has_value());
  ASSERT_TRUE(backend->discover().ok());
  for (int k = 0; k < 50; ++k) {
    Reading r = backend->sample(0);
    ASSERT_TRUE(r.power_w && r.power_limit_w && r.activity);
    EXPECT_DOUBLE_EQ(*r.power_w, sim::power_draw_w(*r.power_limit_w, *r.activity));
    EXPECT_LE(*r.power_w, *r.power_limit_w);
    EXPECT_GE(*r.power_w, 0.2 * *r.power_limit_w);
  }
  EXPECT_NEAR(*backend->sample(0).power_limit_w, sim::power_limit_w(989.4), 1) << "H100 SXM5";
  EXPECT_EQ(*backend->sample(4).power_limit_w, 300) << "a model the catalog does not know";
}

TEST(SimBackend, BoardPowerScalesWithTheCatalogFigure) {
  EXPECT_NEAR(sim::power_limit_w(989.4), 694.17, 0.001);  // H100 SXM: 700 W board
  EXPECT_EQ(sim::power_limit_w(std::nullopt), 300);
  EXPECT_DOUBLE_EQ(sim::power_limit_w(10), 155.5);
  EXPECT_EQ(sim::power_limit_w(5000), 1000);
  EXPECT_EQ(sim::power_draw_w(500, 0), 100);
  EXPECT_EQ(sim::power_draw_w(500, 1), 500);
}

TEST(SimBackend, PatternVariesOverTime) {
  double lo = 1;
  double hi = 0;
  for (std::uint64_t k = 0; k < 500; ++k) {
    double x = sim::activity(3, 0, k);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  EXPECT_GT(hi - lo, 0.1);
}

}  // namespace
}  // namespace suanli::collectors
