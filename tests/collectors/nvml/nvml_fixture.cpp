#include "tests/collectors/nvml/nvml_fixture.hpp"

#include <cstdlib>
#include <fstream>

#include "collectors/registry.hpp"

namespace suanli::test {

json nvml_fixture(const std::string& name) {
  std::ifstream in(std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/nvml/" + name);
  return json::parse(in);
}

json fault(const std::string& call, const std::string& error, std::optional<int> device,
           std::optional<int> from_sample) {
  json f = {{"call", call}, {"error", error}};
  if (device) f["device"] = *device;
  if (from_sample) f["from_sample"] = *from_sample;
  return f;
}

NvmlTest::~NvmlTest() {
  backend_.reset();  // closes NVML before the scenario's directory goes
  unsetenv("SUANLI_NVML_LIBRARY");
  unsetenv("SUANLI_FAKE_NVML_SCENARIO");
  unsetenv("SUANLI_FAKE_NVML_FAULTS");
}

collectors::DeviceBackend& NvmlTest::backend(const json& scenario, const std::string& library) {
  set_scenario(scenario);
  setenv("SUANLI_NVML_LIBRARY", library.c_str(), 1);
  backend_ = collectors::make_backend("nvml", config::AgentConfig{});
  return *backend_;
}

std::vector<collectors::DeviceInfo> NvmlTest::discover(const json& scenario,
                                                       const std::string& library) {
  auto& b = backend(scenario, library);
  if (auto why = b.open()) {
    ADD_FAILURE() << "open: " << *why;
    return {};
  }
  auto devices = b.discover();
  if (!devices) {
    ADD_FAILURE() << "discover: " << devices.error();
    return {};
  }
  return devices.value();
}

void NvmlTest::set_scenario(const json& scenario) {
  setenv("SUANLI_FAKE_NVML_SCENARIO", dir_.write("scenario.json", scenario.dump()).c_str(), 1);
}

}  // namespace suanli::test
