// The iluvatar backend: the nvml backend's code reading libixml.so, here the fake NVML built as
// libixml.so and loaded through SUANLI_IXML_LIBRARY.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "collectors/nvml/nvml_api.hpp"
#include "tests/collectors/common/fake_library_test.hpp"
#include "tests/support/backends_config.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

using collectors::DeviceInfo;
using collectors::Reading;

const std::string kScenario =
    std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/iluvatar/two_bi_v150.json";

// The fake NVML as libixml.so; its faults variable as well as its scenario.
class Iluvatar : public test::FakeLibraryTest {
 protected:
  Iluvatar()
      : FakeLibraryTest("iluvatar", {"SUANLI_IXML_LIBRARY", "SUANLI_FAKE_NVML_SCENARIO",
                                     "SUANLI_FAKE_NVML_FAULTS"}) {}

  // Opens the backend on the fixture with `faults` (SUANLI_FAKE_NVML_FAULTS) and discovers.
  // Call under ASSERT_NO_FATAL_FAILURE.
  void start(const std::string& faults = "") {
    if (!faults.empty()) setenv("SUANLI_FAKE_NVML_FAULTS", faults.c_str(), 1);
    start_file(kScenario, SUANLI_FAKE_IXML);
  }
};

TEST_F(Iluvatar, DiscoversTheGpusAsIluvatarWithoutAnNvidiaArchitecture) {
  ASSERT_NO_FATAL_FAILURE(start());
  ASSERT_EQ(devices.size(), 2u);
  const DeviceInfo& d = devices[1];
  EXPECT_EQ(d.id, "GPU-11a2b3c4-d5e6-47f8-9a0b-1c2d3e4f5a02");
  EXPECT_EQ(d.uuid, d.id);
  EXPECT_EQ(d.vendor, "Iluvatar");
  EXPECT_EQ(d.model, "Iluvatar BI-V150");
  EXPECT_EQ(d.identity.name, "Iluvatar BI-V150");
  EXPECT_EQ(d.bus_id, std::nullopt);  // the scenario gives no PCI id (fixture README)
  EXPECT_EQ(d.memory_total_bytes, 34359738368u);
  EXPECT_EQ(d.max_clock_mhz, 1500.0);
  // Compute capability 8.0 is CUDA compatibility, not Ampere: no architecture, no SM count.
  EXPECT_EQ(d.identity.arch, std::nullopt);
  EXPECT_EQ(d.units, std::nullopt);
}

TEST_F(Iluvatar, SamplesUtilizationAsBusyTime) {
  ASSERT_NO_FATAL_FAILURE(start());
  const Reading r = backend->sample(0);
  EXPECT_EQ(r.unhealthy, std::nullopt);
  EXPECT_EQ(r.method, Method::busy_time);
  EXPECT_DOUBLE_EQ(r.activity.value(), 0.3);
  EXPECT_DOUBLE_EQ(r.power_w.value(), 120.0);  // the fake answers milliwatts
  EXPECT_DOUBLE_EQ(r.power_limit_w.value(), 350.0);
  EXPECT_EQ(r.temperature_c, 41.0);
  EXPECT_DOUBLE_EQ(backend->sample(0).activity.value(), 0.5);
}

TEST_F(Iluvatar, ALostGpuIsUnhealthyAndTheOtherGoesOn) {
  ASSERT_NO_FATAL_FAILURE(
      start(R"([{"call": "nvmlDeviceGetUtilizationRates", "device": 1, "error": "GPU_IS_LOST"}])"));
  EXPECT_EQ(backend->sample(1).unhealthy, "gpu_lost");
  EXPECT_EQ(backend->sample(0).unhealthy, std::nullopt);
}

TEST_F(Iluvatar, AMissingLibraryIsAClearOneLineError) {
  const std::string path = dir.path() + "/corex/libixml.so";
  setenv("SUANLI_IXML_LIBRARY", path.c_str(), 1);
  backend = collectors::make_backend("iluvatar", config::AgentConfig{});
  const auto error = backend->open();
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, testing::HasSubstr(path));
  EXPECT_EQ(error->find('\n'), std::string::npos);
}

TEST(IluvatarPower, ReadingsBelowAWattInMilliwattsAreWatts) {
  // IXML is documented to answer watts where NVML answers milliwatts; the two cannot be
  // confused for a powered accelerator.
  collectors::nvml::Flavor flavor{.backend = "iluvatar",
                                  .vendor = "Iluvatar",
                                  .library_env = "SUANLI_IXML_LIBRARY",
                                  .libraries = {},
                                  .nvidia_architecture = false,
                                  .power_maybe_watts = true};
  collectors::nvml::Api api{};
  api.flavor = &flavor;
  EXPECT_DOUBLE_EQ(api.watts(150), 150.0);
  EXPECT_DOUBLE_EQ(api.watts(150000), 150.0);
  flavor.power_maybe_watts = false;  // NVIDIA's milliwatts
  EXPECT_DOUBLE_EQ(api.watts(150), 0.15);
}

#ifdef SUANLI_TEST_AGENT
TEST(IluvatarAgent, ListDevicesListsTheGpus) {
  test::TempDir dir;
  nlohmann::json collectors = test::collectors_only({"iluvatar"});
  collectors["iluvatar"] = {{"enabled", true}, {"library", SUANLI_FAKE_IXML}};
  const std::string config = dir.write(
      "agent.json",
      nlohmann::json{{"center", "sz-aicc"}, {"node", "ix-01"}, {"collectors", collectors}}.dump());
  const auto run = test::run_process(
      {std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent", "--list-devices", "--config",
       config},
      {"SUANLI_FAKE_NVML_SCENARIO=" + kScenario, "SUANLI_SYSFS_ROOT=" + dir.path()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto decoded = wire::decode(wire::make_topic("sz-aicc", "ix-01", wire::Kind::birth), run.out);
  ASSERT_TRUE(decoded.ok()) << run.out << run.err;
  const auto& birth = std::get<wire::Birth>(*decoded);
  ASSERT_EQ(birth.devices.size(), 2u);
  for (const auto& d : birth.devices) {
    EXPECT_EQ(d.backend, "iluvatar");
    EXPECT_EQ(d.vendor, "Iluvatar");
    EXPECT_EQ(d.model, "Iluvatar BI-V150");
    // The catalog's row by name, which has no public dense figure: unknown, never derived.
    EXPECT_EQ(d.catalog_model, "Iluvatar BI-V150");
    EXPECT_EQ(d.peak_source, PeakSource::unknown);
  }
}
#endif

}  // namespace
}  // namespace suanli
