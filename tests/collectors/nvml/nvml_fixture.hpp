#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "collectors/device_backend.hpp"
#include "tests/support/process.hpp"

namespace suanli::test {

using nlohmann::json;

// The fake libnvidia-ml.so.1 builds (tests/fakes/nvml/CMakeLists.txt).
inline const std::string kFakeNvml = SUANLI_FAKE_NVML;
inline const std::string kFakeNvmlMinimal = SUANLI_FAKE_NVML_MINIMAL;
inline const std::string kFakeNvmlLegacy = SUANLI_FAKE_NVML_LEGACY;
inline const std::string kFakeNvmlNoUuid = SUANLI_FAKE_NVML_NO_UUID;

// A scenario file of tests/fixtures/nvml.
json nvml_fixture(const std::string& name);

// {"call": call, "error": error} with the optional keys of a scenario fault.
json fault(const std::string& call, const std::string& error, std::optional<int> device = {},
           std::optional<int> from_sample = {});

// Each test writes its scenario into its own directory and loads a fake build through
// SUANLI_NVML_LIBRARY, as production loads the real library.
class NvmlTest : public ::testing::Test {
 protected:
  ~NvmlTest() override;

  // A backend (not opened) for `library` playing `scenario`.
  collectors::DeviceBackend& backend(const json& scenario, const std::string& library = kFakeNvml);

  // backend() opened and discovered; a failure of either fails the test.
  std::vector<collectors::DeviceInfo> discover(const json& scenario,
                                               const std::string& library = kFakeNvml);

  // Rewrites the scenario, for the next open().
  void set_scenario(const json& scenario);

  TempDir dir_;
  std::unique_ptr<collectors::DeviceBackend> backend_;
};

}  // namespace suanli::test
