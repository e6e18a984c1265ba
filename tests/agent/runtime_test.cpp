// The runtime's loop against an in-test uplink that records what it is given: windows, birth,
// stop, and the signals SIGTERM and SIGHUP raised in this process.
#include "agent/runtime.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <mutex>
#include <thread>

#include "tests/agent/quick_node.hpp"
#include "tests/support/process.hpp"

namespace suanli::agent {
namespace {

using namespace std::chrono_literals;

class RecordingUplink final : public Uplink {
 public:
  void start(const wire::Birth& birth) override {
    std::lock_guard lock(mutex);
    births.push_back(birth);
  }
  void update_birth(const wire::Birth& birth) override {
    std::lock_guard lock(mutex);
    births.push_back(birth);
  }
  void publish(const wire::Data& window) override {
    std::lock_guard lock(mutex);
    windows.push_back(window);
  }
  UplinkStats stats() const override { return {.dropped_total = 3, .spool_depth = 2}; }
  void stop() override {
    std::lock_guard lock(mutex);
    stopped = true;
  }
  std::size_t window_count() {
    std::lock_guard lock(mutex);
    return windows.size();
  }

  std::mutex mutex;
  std::vector<wire::Birth> births;
  std::vector<wire::Data> windows;
  bool stopped = false;
};

config::AgentConfig sim_node() {
  config::AgentConfig cfg = test_config::quick_node("sim-01", "sim", 1000);
  cfg.sim.devices = {{"H100 SXM5 80GB", 2}};
  return cfg;
}

// Runs the runtime on a thread, calls `during` once `windows` windows were published, then
// raises SIGTERM and returns the exit status. Bounded: gives up after 20 s.
int run_until(Runtime& runtime, RecordingUplink& uplink, std::size_t windows,
              const std::function<void()>& during = {}) {
  int status = -1;
  std::thread loop([&] { status = runtime.run(); });
  for (int i = 0; i < 2000 && uplink.window_count() < windows; ++i)
    std::this_thread::sleep_for(10ms);
  if (during) during();
  std::raise(SIGTERM);
  loop.join();
  return status;
}

TEST(AgentRuntime, PublishesNumberedWindowsAndFlushesAtSigterm) {
  RecordingUplink uplink;
  Runtime runtime(sim_node(), "", std::make_shared<const Catalog>(Catalog::builtin().value()), 9,
                  uplink);
  EXPECT_EQ(run_until(runtime, uplink, 3), 0);
  ASSERT_EQ(uplink.births.size(), 1u);
  EXPECT_EQ(uplink.births[0].devices.size(), 2u);
  EXPECT_EQ(uplink.births[0].header.boot, 9u);
  ASSERT_GE(uplink.windows.size(), 4u);  // three on the timer and the one closed at SIGTERM
  for (std::size_t i = 0; i < uplink.windows.size(); ++i) {
    const auto& w = uplink.windows[i];
    EXPECT_EQ(w.header.seq, i);
    EXPECT_EQ(w.header.boot, 9u);
    EXPECT_EQ(w.devices.size(), 2u);
    EXPECT_EQ(w.dropped_total, 3u);
    EXPECT_EQ(w.spool.depth, 2u);
    if (i > 0) {
      EXPECT_EQ(w.window.start_ms, uplink.windows[i - 1].window.end_ms);
    }
  }
  EXPECT_GT(uplink.windows[1].window.samples, 0u);
  EXPECT_TRUE(uplink.windows[1].devices[0].activity_mean.has_value());
  EXPECT_TRUE(uplink.stopped);
}

// An invalid config at SIGHUP: a bad value, a number no double holds, a repeated key.
class AgentRuntimeSighup : public testing::TestWithParam<const char*> {};

TEST_P(AgentRuntimeSighup, AnInvalidConfigKeepsTheOldOne) {
  test::TempDir dir;
  std::string path = dir.write("agent.json", GetParam());
  RecordingUplink uplink;
  Runtime runtime(sim_node(), path, std::make_shared<const Catalog>(Catalog::builtin().value()), 1,
                  uplink);
  std::size_t before = 0;
  EXPECT_EQ(run_until(runtime, uplink, 1,
                      [&] {
                        std::raise(SIGHUP);
                        before = uplink.window_count();
                        for (int i = 0; i < 500 && uplink.window_count() < before + 2; ++i) {
                          std::this_thread::sleep_for(10ms);
                        }
                      }),
            0);
  EXPECT_GE(uplink.windows.size(), before + 2) << "the agent kept publishing after SIGHUP";
  EXPECT_EQ(uplink.births.size(), 1u);  // an invalid config changes nothing
}

INSTANTIATE_TEST_SUITE_P(Configs, AgentRuntimeSighup,
                         testing::Values(R"({"center": "sz-aicc", "mqtt": {"qos": 5}})",
                                         R"({"center": "sz-aicc", "sample_interval_ms": 1e400})",
                                         R"({"center": "sz-aicc", "center": "sz-aicc"})"));

TEST(AgentRuntime, SighupWithAValidConfigAppliesTheNewIntervals) {
  test::TempDir dir;
  std::string path = dir.write("agent.json", R"({"center": "sz-aicc", "node": "sim-01",
      "sample_interval_ms": 100, "publish_interval_ms": 1000, "district": "吴江区"})");
  RecordingUplink uplink;
  Runtime runtime(sim_node(), path, std::make_shared<const Catalog>(Catalog::builtin().value()), 1,
                  uplink);
  EXPECT_EQ(run_until(runtime, uplink, 1,
                      [&] {
                        std::raise(SIGHUP);
                        for (int i = 0; i < 500 && uplink.births.size() < 2; ++i) {
                          std::this_thread::sleep_for(10ms);
                        }
                      }),
            0);
  ASSERT_EQ(uplink.births.size(), 2u);
  EXPECT_EQ(uplink.births[1].interval_ms, 1000u);
  EXPECT_EQ(*uplink.births[1].district, "吴江区");
}

}  // namespace
}  // namespace suanli::agent
