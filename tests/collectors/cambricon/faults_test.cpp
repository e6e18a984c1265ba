#include <future>

#include "collectors/dynamic_library.hpp"
#include "tests/collectors/cambricon/fake_cndev.hpp"

namespace suanli::cambricon_test {
namespace {

using CambriconFaults = CambriconTest;

// Waits (10 s at most) until `count` calls hang in the fake library the backend loaded.
bool wait_hung(int count) {
  auto fake = collectors::DynamicLibrary::open(SUANLI_FAKE_CNDEV);
  if (!fake) return false;
  auto* wait = (*fake)->symbol<int(int, int)>({"fakeCndevWaitHung"});
  return wait && wait(count, 10000) == 1;
}

// Four MLUs as four_mlu370.json, with `faults`.
std::string four_mlus_with(const std::string& faults) {
  return R"({"device_defaults": {"name": "MLU370-S4", "cores": 16, "utilization": 40,
    "power_w": 150, "chip_c": 55}, "devices": [{"uuid": "a"}, {"uuid": "b"}, {"uuid": "c"},
    {"uuid": "d"}], "faults": )" +
         faults + "}";
}

TEST_F(CambriconFaults, AnMluInProblemIsUnhealthyAndTheOthersGoOn) {
  ASSERT_NO_FATAL_FAILURE(start_text(four_mlus_with(
      R"([{"function": "cndevGetDeviceUtilizationInfo", "device": 1, "from_call": 1,
           "code": 18}])")));
  EXPECT_EQ(backend->sample(1).unhealthy, std::nullopt);
  const Reading lost = backend->sample(1);
  EXPECT_EQ(lost.unhealthy, "device_in_problem");
  EXPECT_EQ(lost.method, Method::none);
  EXPECT_EQ(lost.activity, std::nullopt);
  EXPECT_EQ(lost.power_w, std::nullopt);  // a failing MLU is asked nothing more
  const Reading other = backend->sample(2);
  EXPECT_EQ(other.unhealthy, std::nullopt);
  EXPECT_DOUBLE_EQ(other.activity.value(), 0.4);
  EXPECT_FALSE(backend->needs_reopen());
}

TEST_F(CambriconFaults, AnUnsupportedReadingIsAbsentAndTheMluStaysHealthy) {
  ASSERT_NO_FATAL_FAILURE(start_text(four_mlus_with(
      R"([{"function": "cndevGetDevicePowerInfo", "code": 10},
          {"function": "cndevGetTemperatureInfo", "code": 3}])")));
  const Reading r = backend->sample(0);
  EXPECT_EQ(r.unhealthy, std::nullopt);
  EXPECT_EQ(r.power_w, std::nullopt);
  EXPECT_EQ(r.temperature_c, std::nullopt);
  EXPECT_DOUBLE_EQ(r.activity.value(), 0.4);
}

TEST_F(CambriconFaults, AnMluLostAtRediscoveryKeepsItsDescriptionAndIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(start_text(four_mlus_with(
      R"([{"function": "cndevGetDeviceHandleByIndex", "device": 2, "from_call": 1,
           "code": 14}])")));
  const DeviceInfo before = devices[2];
  auto again = backend->discover();
  ASSERT_TRUE(again) << again.error();
  ASSERT_EQ(again->size(), 4u);
  EXPECT_EQ((*again)[2], before);
  EXPECT_EQ(backend->sample(2).unhealthy, "not_found");
  EXPECT_EQ(backend->sample(3).unhealthy, std::nullopt);
}

TEST_F(CambriconFaults, AnMluThatNeverAnsweredIsLeftOut) {
  ASSERT_NO_FATAL_FAILURE(start_text(
      four_mlus_with(R"([{"function": "cndevGetDeviceHandleByIndex", "device": 0, "code": 18}])")));
  ASSERT_EQ(devices.size(), 3u);
  EXPECT_EQ(devices[0].id, "MLU-b");
}

TEST_F(CambriconFaults, ADriverWideErrorAsksForAReopen) {
  ASSERT_NO_FATAL_FAILURE(start_text(four_mlus_with(
      R"([{"function": "cndevGetCardHealthState", "device": 0, "from_call": 1, "calls": 1,
           "code": 4}])")));
  EXPECT_EQ(backend->sample(0).unhealthy, std::nullopt);
  EXPECT_FALSE(backend->needs_reopen());
  EXPECT_EQ(backend->sample(0).unhealthy, "driver_error");
  EXPECT_TRUE(backend->needs_reopen());

  backend->close();
  ASSERT_EQ(backend->open(), std::nullopt);
  EXPECT_FALSE(backend->needs_reopen());
  ASSERT_TRUE(backend->discover());
  EXPECT_EQ(backend->sample(0).unhealthy, std::nullopt);
}

TEST_F(CambriconFaults, ADriverWideErrorFailsDiscovery) {
  use_fake(
      dir.write("gone.json", four_mlus_with(R"([{"function": "cndevGetPCIeInfoV2", "code": 1}])")));
  backend = collectors::make_backend("cambricon", config::AgentConfig{});
  ASSERT_EQ(backend->open(), std::nullopt);
  const auto found = backend->discover();
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error(), "MLU 0 failed: 1 (CNDEV_ERROR_NO_DRIVER: No driver)");
}

TEST_F(CambriconFaults, AHungCallHoldsUpNoOtherMluAndEndsWithTheRelease) {
  // MLU 3's temperature call hangs until cndevRelease.
  ASSERT_NO_FATAL_FAILURE(start_text(
      four_mlus_with(R"([{"function": "cndevGetTemperatureInfo", "device": 3, "hang": true}])")));
  auto hung = std::async(std::launch::async, [&] { return backend->sample(3); });
  ASSERT_TRUE(wait_hung(1));
  const Reading other = backend->sample(0);
  EXPECT_EQ(other.unhealthy, std::nullopt);
  EXPECT_EQ(other.temperature_c, 55.0);
  EXPECT_EQ(hung.wait_for(std::chrono::seconds(0)), std::future_status::timeout);

  // The agent closes the backend while the call is still in the driver.
  backend->close();
  const Reading late = hung.get();
  EXPECT_EQ(late.unhealthy, "driver_error");     // CNDev answered UNINITIALIZED
  EXPECT_DOUBLE_EQ(late.activity.value(), 0.4);  // read before the hung call
  EXPECT_FALSE(backend->needs_reopen());         // about a session already closed
}

}  // namespace
}  // namespace suanli::cambricon_test
