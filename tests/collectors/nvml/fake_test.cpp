#include <dlfcn.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collectors/nvml/nvml_abi.hpp"
#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

namespace abi = collectors::nvml;
using abi::Return;
using ::testing::HasSubstr;
using NvmlFake = NvmlTest;

// Opens the scenario through the backend and returns what the fake printed.
std::string open_output(collectors::DeviceBackend& b, std::optional<std::string>& why) {
  ::testing::internal::CaptureStderr();
  why = b.open();
  return ::testing::internal::GetCapturedStderr();
}

TEST_F(NvmlFake, AnUnknownScenarioKeyFailsInitAndIsNamed) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["devices"][2]["colour"] = "green";
  std::optional<std::string> why;
  std::string err = open_output(backend(scenario), why);
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("nvmlInit"));
  EXPECT_THAT(err, HasSubstr("scenario.devices[2].colour: unknown key"));
}

TEST_F(NvmlFake, AnUnknownEntryPointInAFaultIsRejected) {
  json scenario = nvml_fixture("h100x8.json");
  scenario["faults"] = {fault("nvmlDeviceGetColour", "NOT_SUPPORTED")};
  std::optional<std::string> why;
  EXPECT_THAT(open_output(backend(scenario), why), HasSubstr("unknown entry point"));
  EXPECT_TRUE(why);
}

TEST_F(NvmlFake, MalformedJsonFailsInit) {
  auto& b = backend(json::object());
  dir_.write("scenario.json", "{\"devices\": [");
  std::optional<std::string> why;
  EXPECT_THAT(open_output(b, why), HasSubstr("scenario"));
  EXPECT_TRUE(why);
}

TEST_F(NvmlFake, FaultsCanComeFromTheEnvironment) {
  setenv("SUANLI_FAKE_NVML_FAULTS",
         R"([{"call": "nvmlDeviceGetUtilizationRates", "device": 0, "error": "GPU_IS_LOST"}])", 1);
  auto devices = discover(nvml_fixture("h100x8.json"));
  unsetenv("SUANLI_FAKE_NVML_FAULTS");
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_EQ(backend_->sample(0).unhealthy, "gpu_lost");
  EXPECT_FALSE(backend_->sample(1).unhealthy);
}

// The fake answers made-up handles and null pointers with an error, never a crash.
TEST_F(NvmlFake, BadArgumentsAreErrorsNotCrashes) {
  set_scenario(nvml_fixture("h100x8.json"));
  void* lib = dlopen(kFakeNvml.c_str(), RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(lib, nullptr);
  auto sym = [&](const char* name) { return dlsym(lib, name); };
  auto init = reinterpret_cast<abi::InitFn*>(sym("nvmlInit_v2"));
  auto shutdown = reinterpret_cast<abi::ShutdownFn*>(sym("nvmlShutdown"));
  auto name = reinterpret_cast<abi::DeviceGetStringFn*>(sym("nvmlDeviceGetName"));
  auto handle =
      reinterpret_cast<abi::DeviceGetHandleByIndexFn*>(sym("nvmlDeviceGetHandleByIndex_v2"));
  auto metrics = reinterpret_cast<abi::GpmMetricsGetFn*>(sym("nvmlGpmMetricsGet"));
  auto power = reinterpret_cast<abi::DeviceGetUintFn*>(sym("nvmlDeviceGetPowerUsage"));

  char text[96];
  EXPECT_EQ(name(nullptr, text, sizeof text), Return::uninitialized);
  ASSERT_EQ(init(), Return::success);
  abi::DeviceHandle made_up = reinterpret_cast<abi::DeviceHandle>(0x1234);
  EXPECT_EQ(name(made_up, text, sizeof text), Return::invalid_argument);
  EXPECT_EQ(name(nullptr, text, sizeof text), Return::invalid_argument);
  EXPECT_EQ(handle(8, nullptr), Return::invalid_argument);
  abi::DeviceHandle h = nullptr;
  ASSERT_EQ(handle(0, &h), Return::success);
  EXPECT_EQ(name(h, nullptr, 96), Return::invalid_argument);
  EXPECT_EQ(name(h, text, 4), Return::insufficient_size);
  EXPECT_EQ(power(h, nullptr), Return::invalid_argument);
  EXPECT_EQ(metrics(nullptr), Return::invalid_argument);
  auto request = std::make_unique<abi::GpmMetricsGet>();
  request->version = abi::kGpmMetricsGetVersion;
  EXPECT_EQ(metrics(request.get()), Return::invalid_argument);  // no such samples
  EXPECT_EQ(shutdown(), Return::success);
  EXPECT_EQ(shutdown(), Return::uninitialized);
  dlclose(lib);
}

}  // namespace
}  // namespace suanli::test
