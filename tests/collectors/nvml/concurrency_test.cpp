#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using ::testing::AnyOf;
using ::testing::Optional;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using NvmlConcurrency = NvmlTest;

json blocking_device_1(int block_ms) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {
      {{"call", "nvmlDeviceGetUtilizationRates"}, {"device", 1}, {"block_ms", block_ms}}};
  return scenario;
}

TEST_F(NvmlConcurrency, ABlockedCallReturnsWhenItsBlockEndsAndOthersDoNotWait) {
  ASSERT_EQ(discover(blocking_device_1(2000)).size(), 8u);
  auto start = Clock::now();
  auto blocked = std::async(std::launch::async, [&] { return backend_->sample(1); });
  std::this_thread::sleep_for(milliseconds(50));  // a head start; nothing below depends on it

  // Another device's sample does not wait for the blocked call: it is back while that call is
  // still blocked (a sample that waited would come back after it).
  auto other = backend_->sample(0);
  EXPECT_EQ(blocked.wait_for(milliseconds(0)), std::future_status::timeout);
  EXPECT_EQ(other.activity, 0.5);

  auto r = blocked.get();
  EXPECT_GE(Clock::now() - start, milliseconds(2000));
  EXPECT_EQ(r.activity, 0.5);
  EXPECT_FALSE(r.unhealthy);
}

TEST_F(NvmlConcurrency, ACallBlockedAcrossCloseAndRediscoveryEndsSafely) {
  // The call blocks until close() shuts NVML down, however slow the rediscovery (qemu).
  json scenario = blocking_device_1(30000);
  scenario["faults"][0]["until_shutdown"] = true;
  ASSERT_EQ(discover(scenario).size(), 8u);
  auto blocked = std::async(std::launch::async, [&] { return backend_->sample(1); });
  std::this_thread::sleep_for(milliseconds(50));
  ASSERT_TRUE(backend_->discover());
  backend_->close();
  // NVML was shut down under the call: a driver error, not a crash ("not_found" if the thread
  // only started after the close).
  auto r = blocked.get();
  EXPECT_THAT(r.unhealthy, Optional(AnyOf("driver_error", "not_found")));
}

TEST_F(NvmlConcurrency, EveryDeviceSampledFromItsOwnThread) {
  json scenario = nvml_fixture("h100x8.json");
  for (auto& d : scenario["devices"])
    d["gpm"] = {{"tensor_active", {0.1, 0.2, 0.3}}};
  ASSERT_EQ(discover(scenario).size(), 8u);
  std::vector<std::future<bool>> threads;
  for (std::size_t i = 0; i < 8; ++i) {
    threads.push_back(std::async(std::launch::async, [this, i] {
      bool ok = true;
      for (int k = 0; k < 50; ++k) {
        auto r = backend_->sample(i);
        ok = ok && !r.unhealthy && r.method == Method::gpm_tensor && r.activity;
      }
      return ok;
    }));
  }
  for (auto& t : threads)
    EXPECT_TRUE(t.get());
}

}  // namespace
}  // namespace suanli::test
