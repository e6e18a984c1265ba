// DeviceSet's orchestration against an in-test backend (the vendor backends have their own tests
// against fake vendor libraries).
#include "agent/device_set.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "tests/support/log_capture.hpp"

namespace suanli::agent {
namespace {

using namespace std::chrono_literals;

struct Script {
  std::atomic<int> opens{0};
  std::atomic<bool> open_fails{false};
  std::atomic<bool> discover_fails{false};
  std::atomic<int> block_ms{0};
  std::atomic<int> calls_of_device_1{0};
  std::atomic<bool> hold_device_1{false};  // device 1's call hangs until this is cleared
  std::atomic<bool> needs_reopen{false};
  std::atomic<bool> hold_discover{false};  // discover() hangs until this is cleared
  std::atomic<int> discovers{0};
  std::string device_name = "H100 SXM5 80GB";  // set before the first discover()
};

class ScriptedBackend final : public collectors::DeviceBackend {
 public:
  explicit ScriptedBackend(std::shared_ptr<Script> script) : script_(std::move(script)) {}
  std::optional<std::string> open() override {
    ++script_->opens;
    script_->needs_reopen = false;
    if (script_->open_fails) return std::string("driver not loaded");
    return std::nullopt;
  }
  Expected<std::vector<collectors::DeviceInfo>> discover() override {
    ++script_->discovers;
    for (int i = 0; script_->hold_discover && i < 60000; ++i)
      std::this_thread::sleep_for(1ms);
    if (script_->discover_fails) {
      return Expected<std::vector<collectors::DeviceInfo>>::failure("version mismatch");
    }
    std::vector<collectors::DeviceInfo> out(2);
    out[0].id = "dev-0";
    out[0].identity.name = script_->device_name;
    out[1].id = "dev-1";
    out[1].identity.name = script_->device_name;
    return out;
  }
  collectors::Reading sample(std::size_t index) override {
    if (index == 1) ++script_->calls_of_device_1;
    if (index == 1 && script_->block_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(script_->block_ms.load()));
    }
    for (int i = 0; index == 1 && script_->hold_device_1 && i < 60000; ++i)
      std::this_thread::sleep_for(1ms);
    collectors::Reading r;
    r.method = Method::busy_time;
    r.activity = 0.5;
    return r;
  }
  bool needs_reopen() const override { return script_->needs_reopen; }
  void close() override {}

 private:
  std::shared_ptr<Script> script_;
};

DeviceSet make_set(const std::shared_ptr<Script>& script) {
  config::AgentConfig cfg;
  cfg.call_timeout_ms = 200;
  std::vector<collectors::BackendChoice> backends;
  backends.push_back(
      {"scripted", std::make_unique<ScriptedBackend>(script), config::Enablement::automatic});
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

TEST(AgentDeviceSet, AnUnknownPeakIsLoggedOncePerDeviceWithWhy) {
  auto script = std::make_shared<Script>();
  script->device_name = "Mystery NPU";
  auto set = make_set(script);
  test::LogCapture log;
  set.discover();
  set.discover();  // the same devices again: nothing new to say
  ASSERT_EQ(set.inventory().size(), 2u);
  EXPECT_EQ(set.inventory()[0].peak_source, PeakSource::unknown);
  const auto lines = log.lines_with("peak unknown");
  ASSERT_EQ(lines.size(), 2u) << "one line per device, not one per discovery";
  EXPECT_NE(lines[0].find("dev-0"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find(*set.inventory()[0].peak_basis), std::string::npos) << lines[0];
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

TEST(AgentDeviceSet, LaterRoundsDoNotWaitAgainOnADeviceStillHung) {
  auto script = std::make_shared<Script>();
  script->hold_device_1 = true;
  auto set = make_set(script);  // 200 ms deadline
  set.discover();
  ASSERT_EQ(*set.sample()[1].unhealthy, "timeout");
  // Waiting on the hung call again would now take an hour; the round must not.
  set.set_call_timeout(std::chrono::hours(1));
  auto round = std::async(std::launch::async, [&] { return set.sample(); });
  bool returned = round.wait_for(30s) == std::future_status::ready;
  script->hold_device_1 = false;  // lets the hung call, and a stuck round, end
  auto readings = round.get();
  ASSERT_TRUE(returned) << "the round waited on a call that had already passed its deadline";
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(*readings[1].unhealthy, "timeout");
  EXPECT_FALSE(readings[0].unhealthy.has_value());
  EXPECT_DOUBLE_EQ(*readings[0].activity, 0.5);
  EXPECT_EQ(script->calls_of_device_1, 1);
  // Once the call returns, the device answers again.
  set.set_call_timeout(5s);
  bool answered = false;
  for (int i = 0; i < 100 && !answered; ++i) {
    auto r = set.sample()[1];
    answered = !r.unhealthy && r.activity == 0.5;
  }
  EXPECT_TRUE(answered);
}

TEST(AgentDeviceSet, ADriverErrorWhileSamplingMakesARediscoveryDueThatReopens) {
  auto script = std::make_shared<Script>();
  auto set = make_set(script);
  set.discover();
  EXPECT_FALSE(set.rediscovery_due());
  script->needs_reopen = true;  // e.g. NVML_ERROR_LIB_RM_VERSION_MISMATCH in a sample
  EXPECT_TRUE(set.rediscovery_due());
  set.discover();
  EXPECT_EQ(script->opens, 2);
  EXPECT_FALSE(set.rediscovery_due());
  EXPECT_EQ(set.inventory().size(), 2u);
}

// Whether a rediscovery falls due within 5 s (the first backoff is 1 s).
bool becomes_due(const DeviceSet& set) {
  for (int i = 0; i < 500; ++i) {
    if (set.rediscovery_due()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

TEST(AgentDeviceSet, AFailedBackendIsDueAgainWhenItsBackoffRunsOut) {
  auto script = std::make_shared<Script>();
  auto set = make_set(script);
  set.discover();
  script->discover_fails = true;
  set.discover();  // fails: devices kept as driver_error, retried after 1 s
  EXPECT_FALSE(set.rediscovery_due());
  ASSERT_TRUE(becomes_due(set));
  script->discover_fails = false;
  set.discover();
  EXPECT_FALSE(set.rediscovery_due());
  EXPECT_FALSE(set.sample()[0].unhealthy.has_value());
}

TEST(AgentDeviceSet, ABackendWhoseFirstDiscoveryFailsIsDueAgainAfterItsBackoff) {
  auto script = std::make_shared<Script>();
  script->discover_fails = true;  // opens, then e.g. a call hangs past the discovery deadline
  auto set = make_set(script);
  set.discover();
  EXPECT_TRUE(set.inventory().empty());
  ASSERT_TRUE(becomes_due(set));
  script->discover_fails = false;
  set.discover();
  EXPECT_EQ(set.inventory().size(), 2u);
}

TEST(AgentDeviceSet, ABackendThatNeverOpenedWaitsForTheDiscoveryInterval) {
  auto script = std::make_shared<Script>();
  script->open_fails = true;  // e.g. no libnvidia-ml.so.1 on this machine
  auto set = make_set(script);
  set.discover();
  std::this_thread::sleep_for(1200ms);  // past the first backoff
  EXPECT_FALSE(set.rediscovery_due());
}

TEST(AgentDeviceSet, AHungRediscoveryKeepsTheDevicesSampledAndIsNotStartedTwice) {
  auto script = std::make_shared<Script>();
  auto set = make_set(script);  // 200 ms calls: discovery gets 1 s
  set.discover();
  ASSERT_EQ(set.inventory().size(), 2u);
  script->hold_discover = true;
  set.discover();  // passes its deadline
  ASSERT_EQ(set.inventory().size(), 2u) << "installed capacity must not vanish with a hung call";
  for (const auto& r : set.sample())
    EXPECT_FALSE(r.unhealthy.has_value()) << "the devices answer: they are sampled as before";
  EXPECT_FALSE(set.rediscovery_due());
  set.discover();  // the hung one has not returned: no second discover() beside it
  EXPECT_EQ(script->discovers, 2);
  EXPECT_EQ(script->opens, 1) << "the backend is not closed under a running call";

  script->hold_discover = false;
  ASSERT_TRUE(becomes_due(set));  // its result waits
  set.discover();
  EXPECT_EQ(script->discovers, 2);  // the late result is used
  EXPECT_FALSE(set.rediscovery_due());
  EXPECT_EQ(set.inventory().size(), 2u);
  set.discover();
  EXPECT_EQ(script->discovers, 3);  // and the next discovery asks again
}

// A backend that finds the given devices, each at a PCI bus address.
class FixedBackend final : public collectors::DeviceBackend {
 public:
  explicit FixedBackend(std::vector<std::pair<std::string, std::string>> id_and_bus) {
    for (auto& [id, bus] : id_and_bus) {
      collectors::DeviceInfo d;
      d.id = id;
      d.bus_id = bus;
      d.identity.pci_id = "10de:2330";  // a row of the catalog (H100 SXM5)
      devices_.push_back(std::move(d));
    }
  }
  std::optional<std::string> open() override { return std::nullopt; }
  Expected<std::vector<collectors::DeviceInfo>> discover() override { return devices_; }
  collectors::Reading sample(std::size_t) override { return {}; }
  void close() override {}

 private:
  std::vector<collectors::DeviceInfo> devices_;
};

TEST(AgentDeviceSet, AnUnclaimedOnlyBackendListsWhatNoOtherBackendFoundWithUnknownPeaks) {
  config::AgentConfig cfg;
  cfg.call_timeout_ms = 5000;
  std::vector<collectors::BackendChoice> backends;
  // The last resort comes first here: the claim does not depend on the order.
  backends.push_back(
      {"last-resort",
       std::make_unique<FixedBackend>(
           std::vector<std::pair<std::string, std::string>>{{"pci-0000:17:00.0", "0000:17:00.0"},
                                                            {"pci-0000:b1:00.0", "0000:b1:00.0"},
                                                            {"pci-0000:ca:00.0", "0000:ca:00.0"}}),
       config::Enablement::automatic, true});
  // A vendor library writes the domain with 8 digits and the bus in capitals.
  backends.push_back(
      {"vendor",
       std::make_unique<FixedBackend>(std::vector<std::pair<std::string, std::string>>{
           {"GPU-1", "00000000:17:00.0"}, {"GPU-2", "00000000:CA:00.0"}}),
       config::Enablement::automatic});
  DeviceSet set(cfg, std::make_shared<const Catalog>(Catalog::builtin().value()),
                std::move(backends));
  set.discover();
  const auto& inventory = set.inventory();
  ASSERT_EQ(inventory.size(), 3u);
  EXPECT_EQ(inventory[0].id, "pci-0000:b1:00.0");
  EXPECT_EQ(inventory[0].backend, "last-resort");
  // The catalog knows 10de:2330, but nothing measures this device: its peak is not counted.
  EXPECT_EQ(inventory[0].peak_source, PeakSource::unknown);
  EXPECT_TRUE(inventory[0].peak_tflops.empty());
  EXPECT_FALSE(inventory[0].catalog_model);
  EXPECT_EQ(inventory[1].id, "GPU-1");
  EXPECT_EQ(inventory[1].peak_source, PeakSource::catalog);
  EXPECT_EQ(inventory[2].id, "GPU-2");
  EXPECT_EQ(set.sample().size(), 3u);
}

// The rounds a DeviceSet delivers by itself; a test waits for a number of them.
struct Rounds {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::vector<collectors::Reading>> rounds;

  DeviceSet::RoundDone add() {
    return [this](std::vector<collectors::Reading> readings) {
      std::lock_guard lock(mutex);
      rounds.push_back(std::move(readings));
      changed.notify_all();
    };
  }
  // The first `n` rounds, once there are.
  std::vector<std::vector<collectors::Reading>> first(std::size_t n) {
    std::unique_lock lock(mutex);
    if (!changed.wait_for(lock, 30s, [&] { return rounds.size() >= n; })) return {};
    return {rounds.begin(), rounds.begin() + static_cast<std::ptrdiff_t>(n)};
  }
};

TEST(AgentDeviceSet, TheLaneSamplesByItselfAndGoesOnPastAHungDeviceWithNoOneWaiting) {
  auto script = std::make_shared<Script>();
  script->hold_device_1 = true;
  Rounds rounds;                // outlives the set, which delivers to it until it ends
  auto set = make_set(script);  // 200 ms deadline
  set.discover();
  set.start_sampling([] { return 10ms; }, rounds.add());
  auto first = rounds.first(3);
  script->hold_device_1 = false;
  ASSERT_EQ(first.size(), 3u);
  for (const auto& readings : first) {
    ASSERT_EQ(readings.size(), 2u);
    EXPECT_DOUBLE_EQ(readings[0].activity.value_or(0), 0.5);
    EXPECT_EQ(readings[1].unhealthy, "timeout");
  }
  EXPECT_EQ(script->calls_of_device_1, 1) << "not called again while its call hangs";
  EXPECT_EQ(set.call_threads_started(), 2u);
}

}  // namespace
}  // namespace suanli::agent
