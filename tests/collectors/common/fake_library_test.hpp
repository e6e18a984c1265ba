#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "collectors/device_backend.hpp"
#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "tests/support/process.hpp"

namespace suanli::test {

// A test of one backend against a fake vendor library, loaded through the production dlopen
// path: the backend's library variable (SUANLI_CNDEV_LIBRARY, ...) names the fake, and the fake's
// own variables (its scenario, ...) are set for the test. Every variable is unset before and
// after each test.
class FakeLibraryTest : public testing::Test {
 protected:
  // `variables`: the backend's library variable first, then the fake's.
  FakeLibraryTest(std::string backend_name, std::initializer_list<const char*> variables)
      : backend_name_(std::move(backend_name)), variables_(variables) {}

  void SetUp() override { clear_env(); }
  void TearDown() override {
    if (backend) backend->close();
    clear_env();
  }

  // Sets the library variable to `library` and the fake's first variable to `scenario_path`.
  void use_fake(const std::string& scenario_path, const std::string& library) {
    setenv(variables_.at(0), library.c_str(), 1);
    setenv(variables_.at(1), scenario_path.c_str(), 1);
  }

  // The backend, opened on `scenario_path` through `library`, and what it discovered. Call under
  // ASSERT_NO_FATAL_FAILURE.
  void start_file(const std::string& scenario_path, const std::string& library) {
    use_fake(scenario_path, library);
    backend = collectors::make_backend(backend_name_, config::AgentConfig{});
    ASSERT_TRUE(backend);
    ASSERT_EQ(backend->open(), std::nullopt);
    auto found = backend->discover();
    ASSERT_TRUE(found) << found.error();
    devices = std::move(found).value();
  }

  TempDir dir;
  std::unique_ptr<collectors::DeviceBackend> backend;
  std::vector<collectors::DeviceInfo> devices;

 private:
  void clear_env() const {
    for (const char* name : variables_)
      unsetenv(name);
  }

  std::string backend_name_;
  std::vector<const char*> variables_;
};

}  // namespace suanli::test
