#include <dlfcn.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "collectors/nvml/nvml_api.hpp"
#include "collectors/registry.hpp"
#include "tests/collectors/nvml/nvml_fixture.hpp"

namespace suanli::test {
namespace {

using ::testing::HasSubstr;
using NvmlSymbols = NvmlTest;
using NvmlOpen = NvmlTest;

// Whether the library at `path` exports `name` in its dynamic symbol table.
bool exports(const std::string& path, const char* name) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return false;
  bool found = dlsym(handle, name) != nullptr;
  dlclose(handle);
  return found;
}

TEST_F(NvmlSymbols, TheMinimalBuildExportsOnlyTheRequiredSymbols) {
  for (const char* required :
       {"nvmlInit_v2", "nvmlShutdown", "nvmlErrorString", "nvmlDeviceGetCount_v2",
        "nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetName", "nvmlDeviceGetUUID",
        "nvmlDeviceGetPciInfo_v3", "nvmlDeviceGetMemoryInfo", "nvmlDeviceGetUtilizationRates"}) {
    EXPECT_TRUE(exports(kFakeNvmlMinimal, required)) << required;
  }
  for (const char* optional : {"nvmlDeviceGetPowerUsage", "nvmlDeviceGetMemoryInfo_v2",
                               "nvmlGpmSampleGet", "nvmlDeviceGetMigMode", "nvmlInit"}) {
    EXPECT_FALSE(exports(kFakeNvmlMinimal, optional)) << optional;
  }
  EXPECT_FALSE(exports(kFakeNvmlLegacy, "nvmlInit_v2"));
  EXPECT_FALSE(exports(kFakeNvmlNoUuid, "nvmlDeviceGetUUID"));
  EXPECT_TRUE(exports(kFakeNvmlNoUuid, "nvmlDeviceGetName"));
}

TEST_F(NvmlSymbols, TheFullBuildResolvesEveryOptionalSymbol) {
  auto api = collectors::nvml::load_api({kFakeNvml});
  ASSERT_TRUE(api) << api.error();
  const auto& a = *api.value();
  EXPECT_TRUE(a.memory_info_v2 && a.clock_info && a.max_clock_info && a.power_usage &&
              a.enforced_power_limit && a.temperature && a.temperature_v && a.compute_capability &&
              a.num_gpu_cores && a.mig_mode && a.max_mig_device_count && a.mig_handle_by_index &&
              a.attributes && a.gpu_instance_profile_info && a.total_ecc_errors &&
              a.remapped_rows && a.gpm_query_device_support && a.gpm_sample_alloc &&
              a.gpm_sample_free && a.gpm_sample_get && a.gpm_metrics_get);
}

TEST_F(NvmlSymbols, RequiredSymbolsOnlyStillDiscoverAndSample) {
  auto devices = discover(nvml_fixture("h100x8.json"), kFakeNvmlMinimal);
  ASSERT_EQ(devices.size(), 8u);
  const auto& d = devices[0];
  EXPECT_EQ(d.id, "GPU-3f2a9c1e-5b7d-4e20-9a1c-0d8e7f6a5b01");
  EXPECT_EQ(d.identity.pci_id, "10de:2330");
  EXPECT_EQ(d.model, "NVIDIA H100 80GB HBM3");
  EXPECT_EQ(d.memory_total_bytes, 85520809984u);
  EXPECT_FALSE(d.units);
  EXPECT_FALSE(d.identity.arch);
  EXPECT_FALSE(d.max_clock_mhz);

  auto r = backend_->sample(0);
  EXPECT_EQ(r.method, Method::busy_time);
  EXPECT_EQ(r.activity, 0.5);
  EXPECT_EQ(r.memory_total_bytes, 85520809984u);
  EXPECT_FALSE(r.power_w);
  EXPECT_FALSE(r.power_limit_w);
  EXPECT_FALSE(r.temperature_c);
  EXPECT_FALSE(r.sm_clock_mhz);
  EXPECT_FALSE(r.unhealthy);
}

TEST_F(NvmlSymbols, AnOldLibraryWithUnversionedNamesWorks) {
  auto devices = discover(nvml_fixture("h100x8.json"), kFakeNvmlLegacy);
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_EQ(devices[7].bus_id, "0000:db:00.0");
  EXPECT_EQ(backend_->sample(7).activity, 0.5);
}

TEST_F(NvmlOpen, AMissingRequiredSymbolIsNamed) {
  auto why = backend(nvml_fixture("h100x8.json"), kFakeNvmlNoUuid).open();
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("nvmlDeviceGetUUID"));
}

TEST_F(NvmlOpen, ALibraryThatIsNotNvmlIsRefused) {
  auto why = backend(nvml_fixture("h100x8.json"), "libm.so.6").open();
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr("nvmlInit_v2"));
}

TEST_F(NvmlOpen, AMissingLibraryGivesTheLoadersReason) {
  std::string path = dir_.path() + "/absent/libnvidia-ml.so.1";
  auto why = backend(nvml_fixture("h100x8.json"), path).open();
  ASSERT_TRUE(why);
  EXPECT_THAT(*why, HasSubstr(path));
  EXPECT_THAT(*why, HasSubstr("cannot open shared object file"));
}

TEST_F(NvmlOpen, TheConfiguredPathIsUsedWithoutTheEnvironmentVariable) {
  set_scenario(nvml_fixture("h100x8.json"));
  unsetenv("SUANLI_NVML_LIBRARY");
  config::AgentConfig cfg;
  cfg.collectors["nvml"].library = kFakeNvml;
  backend_ = collectors::make_backend("nvml", cfg);
  ASSERT_EQ(backend_->open(), std::nullopt);
  EXPECT_EQ(backend_->discover()->size(), 8u);
}

TEST_F(NvmlOpen, TheEnvironmentVariableOverridesTheConfig) {
  set_scenario(nvml_fixture("h100x8.json"));
  setenv("SUANLI_NVML_LIBRARY", kFakeNvml.c_str(), 1);
  config::AgentConfig cfg;
  cfg.collectors["nvml"].library = dir_.path() + "/absent.so";
  backend_ = collectors::make_backend("nvml", cfg);
  EXPECT_EQ(backend_->open(), std::nullopt);
}

}  // namespace
}  // namespace suanli::test
