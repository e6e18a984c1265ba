#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "collectors/device_backend.hpp"
#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "tests/support/process.hpp"

namespace suanli::cambricon_test {

using collectors::DeviceBackend;
using collectors::DeviceInfo;
using collectors::Reading;

inline constexpr std::uint64_t kMiB = 1024ull * 1024ull;

inline std::string fixture(const std::string& name) {
  return std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/cambricon/" + name;
}

// Points the production loader (SUANLI_CNDEV_LIBRARY) at a fake libcndev.so playing a scenario.
inline void use_fake(const std::string& scenario_path, const char* library = SUANLI_FAKE_CNDEV) {
  setenv("SUANLI_CNDEV_LIBRARY", library, 1);
  setenv("SUANLI_FAKE_CNDEV_SCENARIO", scenario_path.c_str(), 1);
}

// Each test starts and ends with neither variable set.
class CambriconTest : public testing::Test {
 protected:
  void SetUp() override { clear_env(); }
  void TearDown() override {
    if (backend) backend->close();
    clear_env();
  }

  // Opens a Cambricon backend on scenario file `path` through `library` and discovers its MLUs.
  // Call under ASSERT_NO_FATAL_FAILURE.
  void start_file(const std::string& path, const char* library = SUANLI_FAKE_CNDEV) {
    use_fake(path, library);
    backend = collectors::make_backend("cambricon", config::AgentConfig{});
    ASSERT_TRUE(backend);
    ASSERT_EQ(backend->open(), std::nullopt);
    auto found = backend->discover();
    ASSERT_TRUE(found) << found.error();
    devices = std::move(found).value();
  }
  void start(const std::string& fixture_name, const char* library = SUANLI_FAKE_CNDEV) {
    start_file(fixture(fixture_name), library);
  }
  // The same from scenario text.
  void start_text(const std::string& scenario) { start_file(dir.write("scenario.json", scenario)); }

  test::TempDir dir;
  std::unique_ptr<DeviceBackend> backend;
  std::vector<DeviceInfo> devices;

 private:
  static void clear_env() {
    unsetenv("SUANLI_CNDEV_LIBRARY");
    unsetenv("SUANLI_FAKE_CNDEV_SCENARIO");
  }
};

}  // namespace suanli::cambricon_test
