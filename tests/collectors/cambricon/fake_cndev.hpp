#pragma once

#include <string>

#include "tests/collectors/common/fake_library_test.hpp"

namespace suanli::cambricon_test {

using collectors::DeviceInfo;
using collectors::Reading;

inline constexpr std::uint64_t kMiB = 1024ull * 1024ull;

inline std::string fixture(const std::string& name) {
  return std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/cambricon/" + name;
}

// The Cambricon backend against the fake libcndev.so (tests/fakes/cndev).
class CambriconTest : public test::FakeLibraryTest {
 protected:
  CambriconTest()
      : FakeLibraryTest("cambricon", {"SUANLI_CNDEV_LIBRARY", "SUANLI_FAKE_CNDEV_SCENARIO"}) {}

  void use_fake(const std::string& scenario_path, const std::string& library = SUANLI_FAKE_CNDEV) {
    FakeLibraryTest::use_fake(scenario_path, library);
  }
  // Opens the backend on fixture `name`, or on scenario text, and discovers its MLUs. Call under
  // ASSERT_NO_FATAL_FAILURE.
  void start(const std::string& name, const std::string& library = SUANLI_FAKE_CNDEV) {
    start_file(fixture(name), library);
  }
  void start_text(const std::string& scenario) {
    start_file(dir.write("scenario.json", scenario), SUANLI_FAKE_CNDEV);
  }
};

}  // namespace suanli::cambricon_test
