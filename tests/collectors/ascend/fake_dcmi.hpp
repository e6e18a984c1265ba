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

namespace suanli::ascend_test {

using collectors::DeviceBackend;
using collectors::DeviceInfo;
using collectors::Reading;

inline constexpr std::uint64_t kMiB = 1024ull * 1024ull;

inline std::string fixture(const std::string& name) {
  return std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/ascend/" + name;
}

// Points the production loader (SUANLI_DCMI_LIBRARY) at a fake libdcmi.so playing a scenario.
inline void use_fake(const std::string& scenario_path, const char* library = SUANLI_FAKE_DCMI) {
  setenv("SUANLI_DCMI_LIBRARY", library, 1);
  setenv("SUANLI_FAKE_DCMI_SCENARIO", scenario_path.c_str(), 1);
}

// Each test starts and ends with neither variable set, and with SUANLI_SYSFS_ROOT on `sysfs`, an
// empty tree where a test may put the PCI devices whose serial numbers the backend reads.
class AscendBackendTest : public testing::Test {
 protected:
  void SetUp() override {
    clear_env();
    setenv("SUANLI_SYSFS_ROOT", sysfs.path().c_str(), 1);
  }
  void TearDown() override {
    if (backend) backend->close();
    clear_env();
  }

  // Opens an Ascend backend on fixture `scenario` through `library` and discovers its chips.
  // Call under ASSERT_NO_FATAL_FAILURE.
  void start(const std::string& scenario, const char* library = SUANLI_FAKE_DCMI) {
    use_fake(fixture(scenario), library);
    backend = collectors::make_backend("ascend", config::AgentConfig{});
    ASSERT_EQ(backend->open(), std::nullopt);
    auto found = backend->discover();
    ASSERT_TRUE(found) << found.error();
    devices = std::move(found).value();
  }

  // The index of device `id` in the last discover().
  std::size_t index_of(const std::string& id) const {
    for (std::size_t i = 0; i < devices.size(); ++i) {
      if (devices[i].id == id) return i;
    }
    ADD_FAILURE() << "no device " << id;
    return devices.size();
  }

  Reading sample(const std::string& id) { return backend->sample(index_of(id)); }

  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& d : devices)
      out.push_back(d.id);
    return out;
  }

  test::TempDir sysfs;
  std::unique_ptr<DeviceBackend> backend;
  std::vector<DeviceInfo> devices;

 private:
  static void clear_env() {
    unsetenv("SUANLI_DCMI_LIBRARY");
    unsetenv("SUANLI_FAKE_DCMI_SCENARIO");
    unsetenv("SUANLI_SYSFS_ROOT");
  }
};

}  // namespace suanli::ascend_test
