// DeviceSet's orchestration against an in-test backend (the vendor backends have their own tests
// against fake vendor libraries).
#include "agent/device_set.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace suanli::agent {
namespace {

struct Script {
  std::atomic<int> opens{0};
  std::atomic<bool> open_fails{false};
  std::atomic<bool> discover_fails{false};
  std::atomic<int> block_ms{0};
  std::atomic<int> calls_of_device_1{0};
};

class ScriptedBackend final : public collectors::DeviceBackend {
 public:
  explicit ScriptedBackend(std::shared_ptr<Script> script) : script_(std::move(script)) {}
  Backend kind() const override { return Backend::sim; }
  std::optional<std::string> open() override {
    ++script_->opens;
    if (script_->open_fails) return std::string("driver not loaded");
    return std::nullopt;
  }
  Expected<std::vector<collectors::DeviceInfo>> discover() override {
    if (script_->discover_fails) {
      return Expected<std::vector<collectors::DeviceInfo>>::failure("version mismatch");
    }
    std::vector<collectors::DeviceInfo> out(2);
    out[0].id = "dev-0";
    out[0].identity.name = "H100 SXM5 80GB";
    out[1].id = "dev-1";
    out[1].identity.name = "H100 SXM5 80GB";
    return out;
  }
  collectors::Reading sample(std::size_t index) override {
    if (index == 1) ++script_->calls_of_device_1;
    if (index == 1 && script_->block_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(script_->block_ms.load()));
    }
    collectors::Reading r;
    r.method = Method::busy_time;
    r.activity = 0.5;
    return r;
  }
  void close() override {}

 private:
  std::shared_ptr<Script> script_;
};

DeviceSet make_set(const std::shared_ptr<Script>& script) {
  config::AgentConfig cfg;
  cfg.call_timeout_ms = 200;
  std::vector<collectors::BackendChoice> backends;
  backends.push_back({std::make_unique<ScriptedBackend>(script), config::Enablement::automatic});
  return DeviceSet(cfg, std::make_shared<const Catalog>(Catalog::builtin().value()),
                   std::move(backends));
}

TEST(AgentDeviceSet, ResolvesPeaksFromTheCatalog) {
  auto script = std::make_shared<Script>();
  auto set = make_set(script);
  set.discover();
  ASSERT_EQ(set.inventory().size(), 2u);
  EXPECT_EQ(set.inventory()[0].peak_source, PeakSource::catalog);
  EXPECT_DOUBLE_EQ(*set.inventory()[0].peak_tflops[Precision::fp16], 989.4);
}

TEST(AgentDeviceSet, AFailedOpenIsRetriedOnlyAfterBackoff) {
  auto script = std::make_shared<Script>();
  script->open_fails = true;
  auto set = make_set(script);
  set.discover();
  set.discover();  // within the first backoff (1 s): no second open
  EXPECT_EQ(script->opens, 1);
  EXPECT_TRUE(set.inventory().empty());
}

TEST(AgentDeviceSet, ABackendThatFailsKeepsItsDevicesAsUnhealthy) {
  auto script = std::make_shared<Script>();
  auto set = make_set(script);
  set.discover();
  ASSERT_EQ(set.inventory().size(), 2u);
  script->discover_fails = true;
  set.discover();
  ASSERT_EQ(set.inventory().size(), 2u) << "installed capacity must not vanish with a driver";
  auto readings = set.sample();
  ASSERT_EQ(readings.size(), 2u);
  for (const auto& r : readings)
    EXPECT_EQ(*r.unhealthy, "driver_error");
}

TEST(AgentDeviceSet, AHungDeviceTimesOutAndTheOtherReports) {
  auto script = std::make_shared<Script>();
  script->block_ms = 1500;
  auto set = make_set(script);
  set.discover();
  auto readings = set.sample();
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_FALSE(readings[0].unhealthy.has_value());
  EXPECT_DOUBLE_EQ(*readings[0].activity, 0.5);
  EXPECT_EQ(*readings[1].unhealthy, "timeout");
  // The hung call is not started a second time while it runs.
  readings = set.sample();
  EXPECT_EQ(*readings[1].unhealthy, "timeout");
  EXPECT_EQ(script->calls_of_device_1, 1);
}

}  // namespace
}  // namespace suanli::agent
