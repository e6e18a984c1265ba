#include <chrono>
#include <future>

#include "tests/collectors/ascend/fake_dcmi.hpp"
#include "tests/support/process.hpp"

namespace suanli::ascend_test {
namespace {

using AscendFaults = AscendBackendTest;

TEST_F(AscendFaults, HealthAlarmsMarkOnlyTheirChip) {
  ASSERT_NO_FATAL_FAILURE(start("health.json"));
  EXPECT_EQ(sample("npu-0-0").unhealthy, std::nullopt);
  EXPECT_EQ(sample("npu-1-0").unhealthy, "health_minor");
  EXPECT_EQ(sample("npu-2-0").unhealthy, "health_major");
  EXPECT_EQ(sample("npu-3-0").unhealthy, std::nullopt);
  EXPECT_EQ(sample("npu-3-0").unhealthy, "health_critical");
  EXPECT_EQ(sample("npu-4-0").unhealthy, "not_found");  // 0xFFFFFFFF: no such device
  EXPECT_EQ(sample("npu-5-0").unhealthy, "health_7");
  // An alarmed chip still reports what it measures.
  const Reading major = sample("npu-2-0");
  EXPECT_EQ(major.activity, 0.4);
  EXPECT_DOUBLE_EQ(major.power_w.value(), 200.0);
  EXPECT_FALSE(backend->needs_reopen());
}

TEST_F(AscendFaults, AnUnsupportedReadingIsAbsentAndTheChipStaysHealthy) {
  ASSERT_NO_FATAL_FAILURE(start("call_errors.json"));
  // Card 1: power NOT_SUPPORT, temperature NOT_SUPPORT_IN_CONTAINER.
  const Reading r = sample("npu-1-0");
  EXPECT_EQ(r.unhealthy, std::nullopt);
  EXPECT_EQ(r.power_w, std::nullopt);
  EXPECT_EQ(r.temperature_c, std::nullopt);
  EXPECT_EQ(r.activity, 0.4);
  EXPECT_EQ(r.memory_used_bytes, 2048 * kMiB);
}

TEST_F(AscendFaults, AChipErrorMarksThatChipAndSparesTheOthers) {
  ASSERT_NO_FATAL_FAILURE(start("call_errors.json"));
  // Card 2's utilization call answers INNER_ERR from its second call on.
  EXPECT_EQ(sample("npu-2-0").unhealthy, std::nullopt);
  const Reading failed = sample("npu-2-0");
  EXPECT_EQ(failed.unhealthy, "driver_error");
  EXPECT_EQ(failed.activity, std::nullopt);
  EXPECT_EQ(failed.method, Method::none);
  // A failing chip is asked nothing more in that sample.
  EXPECT_EQ(failed.power_w, std::nullopt);
  const Reading other = sample("npu-0-0");
  EXPECT_EQ(other.unhealthy, std::nullopt);
  EXPECT_EQ(other.activity, 0.4);
  EXPECT_FALSE(backend->needs_reopen());
}

TEST_F(AscendFaults, ADroppedChipIsNotReadyUntilItAnswersAgain) {
  ASSERT_NO_FATAL_FAILURE(start("call_errors.json"));
  // Card 3's HBM call answers NOT_READY once, on its first call after discover().
  const Reading dropped = sample("npu-3-0");
  EXPECT_EQ(dropped.unhealthy, "not_ready");
  EXPECT_EQ(dropped.memory_used_bytes, std::nullopt);
  EXPECT_EQ(dropped.activity, 0.4);  // read before the HBM call
  const Reading back = sample("npu-3-0");
  EXPECT_EQ(back.unhealthy, std::nullopt);
  EXPECT_EQ(back.memory_used_bytes, 2048 * kMiB);
}

TEST_F(AscendFaults, ADriverWideErrorAsksForAReopen) {
  ASSERT_NO_FATAL_FAILURE(start("driver_gone.json"));
  // Card 1's health call answers IOCTL_FAIL from its second call on.
  EXPECT_EQ(sample("npu-1-0").unhealthy, std::nullopt);
  EXPECT_FALSE(backend->needs_reopen());
  EXPECT_EQ(sample("npu-1-0").unhealthy, "driver_error");
  EXPECT_TRUE(backend->needs_reopen());
  EXPECT_EQ(sample("npu-0-0").unhealthy, std::nullopt);

  backend->close();
  ASSERT_EQ(backend->open(), std::nullopt);
  EXPECT_FALSE(backend->needs_reopen());
  ASSERT_TRUE(backend->discover());
  EXPECT_EQ(sample("npu-1-0").unhealthy, std::nullopt);
}

TEST_F(AscendFaults, ADriverWideErrorFailsDiscovery) {
  test::TempDir dir;
  use_fake(dir.write("gone.json", R"({
    "cards": [{"id": 0, "chips": 1}],
    "faults": [{"function": "dcmi_get_device_pcie_info_v2", "code": -8017}]
  })"));
  backend = collectors::make_backend("ascend", config::AgentConfig{});
  ASSERT_EQ(backend->open(), std::nullopt);
  const auto found = backend->discover();
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error(), "npu-0-0 failed: -8017 (DCMI_ERROR_IS_UPGRADING)");
}

TEST_F(AscendFaults, ABlockedCallHoldsUpNoOtherChipAndSurvivesClose) {
  using Clock = std::chrono::steady_clock;
  ASSERT_NO_FATAL_FAILURE(start("blocking.json"));
  // Card 3's temperature call blocks for 1.5 s.
  const auto blocked_index = index_of("npu-3-0");
  auto blocked = std::async(std::launch::async, [&] { return backend->sample(blocked_index); });
  ASSERT_EQ(blocked.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  const auto begin = Clock::now();
  const Reading other = sample("npu-0-0");
  EXPECT_LT(Clock::now() - begin, std::chrono::milliseconds(500));
  EXPECT_EQ(other.unhealthy, std::nullopt);

  // The agent may close the backend while the call is still in the driver.
  backend->close();
  const Reading late = blocked.get();
  EXPECT_EQ(late.temperature_c, 50.0);
}

}  // namespace
}  // namespace suanli::ascend_test
