#include <gmock/gmock.h>

#include "tests/collectors/cambricon/fake_cndev.hpp"

namespace suanli::cambricon_test {
namespace {

using CambriconLoad = CambriconTest;
using testing::HasSubstr;

TEST_F(CambriconLoad, AMissingLibraryIsAClearOneLineError) {
  const std::string path = dir.path() + "/nowhere/libcndev.so";
  use_fake(fixture("four_mlu370.json"), path.c_str());
  backend = collectors::make_backend("cambricon", config::AgentConfig{});
  const auto error = backend->open();
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr(path));  // the one candidate the environment names
  EXPECT_THAT(*error, HasSubstr("No such file"));
  EXPECT_EQ(error->find('\n'), std::string::npos);
  EXPECT_FALSE(backend->discover());
}

TEST_F(CambriconLoad, ALibraryWithoutCndevIsRejectedNamingTheSymbol) {
  use_fake(fixture("four_mlu370.json"), "libc.so.6");
  backend = collectors::make_backend("cambricon", config::AgentConfig{});
  EXPECT_EQ(backend->open(), "libc.so.6: missing required symbol cndevInit");
}

TEST_F(CambriconLoad, AFailedInitNamesTheReturnCode) {
  use_fake(dir.write("init.json", R"({"init_code": 12, "devices": []})"));
  backend = collectors::make_backend("cambricon", config::AgentConfig{});
  const auto error = backend->open();
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr("cndevInit failed: 12 (CNDEV_ERROR_NO_DEVICES: No devices)"));
  EXPECT_FALSE(backend->discover());
}

// collectors.cambricon.library when the environment says nothing; the environment before it.
TEST_F(CambriconLoad, TheEnvironmentThenTheConfiguredPathNameTheLibrary) {
  struct Case {
    const char* env;
    const char* configured;
  };
  for (const Case& c : {Case{nullptr, SUANLI_FAKE_CNDEV}, Case{SUANLI_FAKE_CNDEV, "/nowhere.so"}}) {
    use_fake(fixture("four_mlu370.json"), c.env ? c.env : "");
    config::AgentConfig cfg;
    cfg.collectors["cambricon"].library = c.configured;
    backend = collectors::make_backend("cambricon", cfg);
    ASSERT_EQ(backend->open(), std::nullopt) << c.configured;
    const auto found = backend->discover();
    ASSERT_TRUE(found);
    EXPECT_EQ(found->size(), 4u);
    backend->close();
  }
}

TEST_F(CambriconLoad, ALibraryWithOnlyTheRequiredSymbolsWorksWithReadingsAbsent) {
  // The minimal fake exports cndevInit, cndevRelease, cndevGetDeviceCount and
  // cndevGetDeviceHandleByIndex, nothing else.
  ASSERT_NO_FATAL_FAILURE(start("four_mlu370.json", SUANLI_FAKE_CNDEV_MINIMAL));
  ASSERT_EQ(devices.size(), 4u);
  const DeviceInfo& d = devices.front();
  EXPECT_EQ(d.id, "cambricon-0");
  EXPECT_EQ(d.model, "Cambricon MLU");
  EXPECT_EQ(d.identity.pci_id, std::nullopt);
  EXPECT_EQ(d.units, std::nullopt);

  const Reading r = backend->sample(0);
  EXPECT_EQ(r.unhealthy, std::nullopt);
  EXPECT_EQ(r.method, Method::none);
  EXPECT_EQ(r.activity, std::nullopt);
  EXPECT_EQ(r.power_w, std::nullopt);
}

TEST_F(CambriconLoad, AReopenAfterCloseFindsTheMlusAgain) {
  ASSERT_NO_FATAL_FAILURE(start("four_mlu370.json"));
  backend->close();
  EXPECT_EQ(backend->sample(0).unhealthy, "not_found");
  ASSERT_EQ(backend->open(), std::nullopt);
  auto found = backend->discover();
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, devices);
}

}  // namespace
}  // namespace suanli::cambricon_test
