// DeviceSet's calls on one thread under a deadline, against the fake libnvidia-ml.so.1 (8 GPUs)
// and its hang switch (tests/fakes/nvml/README.md): a hung device gets a thread of its own and
// the others go on without waiting for it.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "agent/device_set.hpp"
#include "agent/runtime.hpp"
#include "collectors/dynamic_library.hpp"
#include "collectors/registry.hpp"
#include "tests/agent/quick_node.hpp"
#include "tests/support/log_capture.hpp"
#include "tests/support/process.hpp"

namespace suanli::agent {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// The 8 x H100 fixture; GPU 1's utilization call (the first call of each of its samples) hangs
// from its first sample on, while the fake's hang switch is on.
json hung_gpu_1() {
  std::ifstream in(std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/nvml/h100x8.json");
  json scenario = json::parse(in);
  scenario["faults"] = {{{"call", "nvmlDeviceGetUtilizationRates"},
                         {"device", 1},
                         {"from_sample", 1},
                         {"hang", true}}};
  return scenario;
}

class AgentDeviceSetNvml : public ::testing::Test {
 protected:
  AgentDeviceSetNvml() {
    setenv("SUANLI_FAKE_NVML_SCENARIO", dir_.write("scenario.json", hung_gpu_1().dump()).c_str(),
           1);
    setenv("SUANLI_NVML_LIBRARY", SUANLI_FAKE_NVML, 1);
    auto fake = collectors::DynamicLibrary::open(SUANLI_FAKE_NVML);
    if (fake) {
      fake_ = *fake;
      wait_hung_ = fake_->symbol<int(int, int)>({"fakeNvmlWaitHung"});
      set_hang_ = fake_->symbol<void(int)>({"fakeNvmlSetHang"});
    }
    if (set_hang_) set_hang_(1);
  }
  ~AgentDeviceSetNvml() override {
    if (set_hang_) set_hang_(0);  // no call stays hung into the next test
    if (wait_hung_) wait_hung_(0, 30000);
    unsetenv("SUANLI_FAKE_NVML_SCENARIO");
    unsetenv("SUANLI_NVML_LIBRARY");
  }

  std::unique_ptr<DeviceSet> make_set() {
    config::AgentConfig cfg;
    cfg.call_timeout_ms = 300;
    std::vector<collectors::BackendChoice> backends;
    backends.push_back(
        {"nvml", collectors::make_backend("nvml", cfg), config::Enablement::automatic});
    auto set = std::make_unique<DeviceSet>(
        cfg, std::make_shared<const Catalog>(Catalog::builtin().value()), std::move(backends));
    set->discover();
    return set;
  }

  // True once exactly `count` calls hang in the fake.
  bool hung(int count) { return wait_hung_ && wait_hung_(count, 30000) == 1; }

  // A round that would wait on the hung call takes an hour: one that is back within a minute
  // did not wait on it.
  static std::vector<collectors::Reading> round_without_waiting(DeviceSet& set) {
    auto round = std::async(std::launch::async, [&] { return set.sample(); });
    EXPECT_EQ(round.wait_for(60s), std::future_status::ready)
        << "the round waited on a call that had already passed its deadline";
    return round.get();
  }

  static void expect_all_but_gpu_1_answer(const std::vector<collectors::Reading>& readings) {
    ASSERT_EQ(readings.size(), 8u);
    for (std::size_t i = 0; i < readings.size(); ++i) {
      if (i == 1) continue;
      EXPECT_FALSE(readings[i].unhealthy) << "GPU " << i << ": " << *readings[i].unhealthy;
      EXPECT_TRUE(readings[i].activity) << "GPU " << i;
    }
  }

  test::TempDir dir_;
  std::shared_ptr<collectors::DynamicLibrary> fake_;
  int (*wait_hung_)(int, int) = nullptr;
  void (*set_hang_)(int) = nullptr;
};

TEST_F(AgentDeviceSetNvml, EightGpusAreSampledOnOneThread) {
  ASSERT_TRUE(set_hang_);
  set_hang_(0);  // no hang in this test
  auto set = make_set();
  ASSERT_EQ(set->inventory().size(), 8u);
  for (int round = 0; round < 3; ++round) {
    auto readings = set->sample();
    ASSERT_EQ(readings.size(), 8u);
    for (const auto& r : readings)
      EXPECT_FALSE(r.unhealthy);
  }
  EXPECT_EQ(set->call_threads_started(), 1u);
}

TEST_F(AgentDeviceSetNvml, AHungCallMovesItsGpuToItsOwnThreadAndTheOthersGoOn) {
  ASSERT_TRUE(wait_hung_ && set_hang_);
  auto set = make_set();
  ASSERT_EQ(set->inventory().size(), 8u);
  test::LogCapture log;
  auto first = set->sample();  // waits for GPU 1 until its deadline, then goes on without it
  ASSERT_TRUE(hung(1));
  ASSERT_EQ(first.size(), 8u);
  EXPECT_EQ(first[1].unhealthy, "timeout");
  expect_all_but_gpu_1_answer(first);
  EXPECT_EQ(set->call_threads_started(), 2u) << "the hung call keeps its thread; one more runs";
  EXPECT_EQ(log.lines_with("did not answer").size(), 1u);

  // Later rounds do not wait on GPU 1 again and do not call it a second time.
  set->set_call_timeout(std::chrono::hours(1));
  for (int round = 0; round < 3; ++round) {
    auto readings = round_without_waiting(*set);
    ASSERT_EQ(readings.size(), 8u);
    EXPECT_EQ(readings[1].unhealthy, "timeout");
    expect_all_but_gpu_1_answer(readings);
  }
  EXPECT_TRUE(hung(1)) << "one call hangs: GPU 1 was not called again";
  EXPECT_EQ(set->call_threads_started(), 2u) << "no thread per round";
  EXPECT_EQ(log.lines_with("did not answer").size(), 1u) << "logged once";
}

TEST_F(AgentDeviceSetNvml, AHungGpuThatAnswersAgainIsSampledWithTheOthers) {
  ASSERT_TRUE(wait_hung_ && set_hang_);
  auto set = make_set();
  EXPECT_EQ(set->sample()[1].unhealthy, "timeout");
  ASSERT_TRUE(hung(1));
  test::LogCapture log;
  set_hang_(0);
  ASSERT_TRUE(hung(0));
  // Its late answer lands when its thread records it; from then on it is sampled again.
  set->set_call_timeout(5s);
  bool answered = false;
  for (int i = 0; i < 30000 && !answered; ++i) {
    auto readings = set->sample();
    answered = !readings[1].unhealthy && readings[1].activity;
    if (!answered) std::this_thread::sleep_for(1ms);
  }
  ASSERT_TRUE(answered);
  EXPECT_EQ(log.lines_with("answers again").size(), 1u);
  const auto threads = set->call_threads_started();
  for (int round = 0; round < 3; ++round) {
    auto readings = set->sample();
    EXPECT_FALSE(readings[1].unhealthy) << *readings[1].unhealthy;
    expect_all_but_gpu_1_answer(readings);
  }
  EXPECT_EQ(set->call_threads_started(), threads) << "back on the one thread with the others";
}

TEST_F(AgentDeviceSetNvml, TheSetEndsWhileACallHangsAndTheCallEndsSafelyLater) {
  ASSERT_TRUE(wait_hung_ && set_hang_);
  auto set = make_set();
  EXPECT_EQ(set->sample()[1].unhealthy, "timeout");
  ASSERT_TRUE(hung(1));
  set.reset();  // does not wait for the hung call
  EXPECT_TRUE(hung(1));
  set_hang_(0);
  // The call returns into memory it owns (AddressSanitizer checks), then its thread ends.
  EXPECT_TRUE(hung(0));
}

// Keeps the windows the agent publishes.
class WindowsUplink final : public Uplink {
 public:
  void start(const wire::Birth&) override {}
  void update_birth(const wire::Birth&) override {}
  void publish(const wire::Data& window) override {
    std::lock_guard lock(mutex_);
    windows_.push_back(window);
  }
  UplinkStats stats() const override { return {}; }
  void stop() override {}
  std::vector<wire::Data> windows() {
    std::lock_guard lock(mutex_);
    return windows_;
  }

 private:
  std::mutex mutex_;
  std::vector<wire::Data> windows_;
};

TEST_F(AgentDeviceSetNvml, TheAgentGoesOnWithAHungGpuAndStopsAtSigtermWithoutWaitingForIt) {
  ASSERT_TRUE(wait_hung_ && set_hang_);
  const auto cfg = test_config::quick_node("gpu-01", "nvml", 300);
  WindowsUplink uplink;
  Runtime runtime(cfg, "", std::make_shared<const Catalog>(Catalog::builtin().value()), 1, uplink);
  int status = -1;
  std::thread loop([&] { status = runtime.run(); });
  const bool stuck = hung(1);
  // Two more windows after the hang: the agent goes on sampling the other GPUs.
  const std::size_t before = uplink.windows().size();
  for (int i = 0; i < 2000 && uplink.windows().size() < before + 2; ++i)
    std::this_thread::sleep_for(10ms);
  std::raise(SIGTERM);
  loop.join();
  ASSERT_TRUE(stuck);
  EXPECT_EQ(status, 0);
  EXPECT_TRUE(hung(1)) << "the call still hangs: the agent stopped without waiting for it";
  const auto windows = uplink.windows();
  ASSERT_GE(windows.size(), before + 2);
  const auto& last = windows[windows.size() - 2];  // a full window after the hang
  ASSERT_EQ(last.devices.size(), 8u);
  EXPECT_EQ(last.devices[1].health_reason, "timeout");
  EXPECT_GT(last.window.samples, 1u);
  EXPECT_TRUE(last.devices[0].activity_mean.has_value()) << "GPU 0 is measured meanwhile";
  EXPECT_TRUE(last.devices[7].activity_mean.has_value()) << "GPU 7 is measured meanwhile";
}

}  // namespace
}  // namespace suanli::agent
