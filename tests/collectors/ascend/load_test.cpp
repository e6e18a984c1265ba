#include <gmock/gmock.h>

#include "collectors/ascend/dcmi_library.hpp"
#include "tests/collectors/ascend/fake_dcmi.hpp"
#include "tests/support/process.hpp"

namespace suanli::ascend_test {
namespace {

using AscendLoad = AscendBackendTest;
using testing::HasSubstr;

TEST_F(AscendLoad, AMissingLibraryIsAClearOneLineError) {
  test::TempDir dir;
  const std::string path = dir.path() + "/nowhere/libdcmi.so";
  use_fake(fixture("atlas_800t_a2.json"), path.c_str());
  backend = collectors::make_backend("ascend", config::AgentConfig{});
  const auto error = backend->open();
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr(path));
  EXPECT_THAT(*error, HasSubstr("No such file"));
  EXPECT_EQ(error->find('\n'), std::string::npos);
  EXPECT_FALSE(backend->discover());
}

TEST_F(AscendLoad, ALibraryWithoutDcmiIsRejectedNamingTheSymbol) {
  use_fake(fixture("atlas_800t_a2.json"), "libc.so.6");
  backend = collectors::make_backend("ascend", config::AgentConfig{});
  EXPECT_EQ(backend->open(), "libc.so.6: missing required symbol dcmi_init");
}

TEST_F(AscendLoad, AFailedInitNamesTheReturnCode) {
  test::TempDir dir;
  use_fake(dir.write("init.json", R"({"init_code": -8005, "cards": []})"));
  backend = collectors::make_backend("ascend", config::AgentConfig{});
  const auto error = backend->open();
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr("dcmi_init failed: -8005 (DCMI_ERROR_INNER_ERR)"));
}

TEST_F(AscendLoad, TheConfiguredPathIsUsedWhenTheEnvironmentSaysNothing) {
  setenv("SUANLI_FAKE_DCMI_SCENARIO", fixture("atlas_800t_a2.json").c_str(), 1);
  config::AgentConfig cfg;
  cfg.collectors["ascend"].library = SUANLI_FAKE_DCMI;
  backend = collectors::make_backend("ascend", cfg);
  ASSERT_EQ(backend->open(), std::nullopt);
  auto found = backend->discover();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), 8u);
}

TEST_F(AscendLoad, TheEnvironmentWinsOverTheConfiguredPath) {
  use_fake(fixture("atlas_800t_a2.json"));
  config::AgentConfig cfg;
  cfg.collectors["ascend"].library = "/nonexistent/libdcmi.so";
  backend = collectors::make_backend("ascend", cfg);
  EXPECT_EQ(backend->open(), std::nullopt);
}

TEST_F(AscendLoad, WithoutOverridesTheSonameThenTheDriverDirectoriesAreTried) {
  EXPECT_EQ(collectors::ascend::dcmi_library_candidates(std::nullopt),
            (std::vector<std::string>{"libdcmi.so", "/usr/local/dcmi/libdcmi.so",
                                      "/usr/local/Ascend/driver/lib64/driver/libdcmi.so"}));
  EXPECT_EQ(collectors::ascend::dcmi_library_candidates("/opt/x/libdcmi.so"),
            (std::vector<std::string>{"/opt/x/libdcmi.so"}));
}

TEST_F(AscendLoad, ALibraryWithOnlyTheRequiredSymbolsWorksWithReadingsAbsent) {
  // The minimal fake exports dcmi_init, dcmi_get_card_num_list (the V1 name),
  // dcmi_get_device_num_in_card and dcmi_get_device_chip_info, nothing else.
  ASSERT_NO_FATAL_FAILURE(start("atlas_800t_a2.json", SUANLI_FAKE_DCMI_MINIMAL));
  ASSERT_EQ(devices.size(), 8u);
  const DeviceInfo& d = devices.front();
  EXPECT_EQ(d.id, "npu-0-0");
  EXPECT_EQ(d.identity.name, "910B3");
  EXPECT_EQ(d.units, 20u);
  EXPECT_EQ(d.identity.pci_id, std::nullopt);
  EXPECT_EQ(d.memory_total_bytes, std::nullopt);
  EXPECT_EQ(d.max_clock_mhz, std::nullopt);

  const Reading r = backend->sample(0);
  EXPECT_EQ(r.unhealthy, std::nullopt);
  EXPECT_EQ(r.method, Method::none);
  EXPECT_EQ(r.activity, std::nullopt);
  EXPECT_EQ(r.memory_used_bytes, std::nullopt);
  EXPECT_EQ(r.power_w, std::nullopt);
  EXPECT_EQ(r.temperature_c, std::nullopt);
  EXPECT_EQ(r.sm_clock_mhz, std::nullopt);
}

}  // namespace
}  // namespace suanli::ascend_test
