// suanli-agent --list-devices / --once against the fake libcndev.so, loaded through
// SUANLI_CNDEV_LIBRARY or collectors.cambricon.library: the same dlopen path as on an MLU node.
#include <gtest/gtest.h>

#include "tests/support/backends_config.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

using test::run_process;

const std::string kAgent = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";
const std::string kScenario =
    std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/cambricon/four_mlu370.json";

// Only the Cambricon backend (`library` as its configured path when given).
std::string config_text(const std::string& library) {
  nlohmann::json collectors = test::collectors_only({"cambricon"});
  collectors["call_timeout_ms"] = 500;
  collectors["cambricon"] = {{"enabled", true}};
  if (!library.empty()) collectors["cambricon"]["library"] = library;
  return nlohmann::json{{"center", "sz-aicc"}, {"node", "mlu-01"}, {"collectors", collectors}}
      .dump();
}

struct AgentRun {
  test::ProcessResult process;
  wire::Message message;
};

// Runs the agent with `flag`; the library comes from the environment unless `configured`.
AgentRun run_agent(const std::string& flag, const std::string& scenario, bool configured = false) {
  test::TempDir dir;
  const std::string config =
      dir.write("agent.json", config_text(configured ? SUANLI_FAKE_CNDEV : ""));
  std::vector<std::string> env = {"SUANLI_FAKE_CNDEV_SCENARIO=" + scenario,
                                  "SUANLI_SYSFS_ROOT=" + dir.path()};
  if (!configured) env.push_back(std::string("SUANLI_CNDEV_LIBRARY=") + SUANLI_FAKE_CNDEV);
  AgentRun run{run_process({kAgent, flag, "--config", config}, env), {}};
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err;
  const wire::Kind kind = flag == "--once" ? wire::Kind::data : wire::Kind::birth;
  auto decoded = wire::decode(wire::make_topic("sz-aicc", "mlu-01", kind), run.process.out);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().message()) << "\n"
                            << run.process.out << run.process.err;
  if (decoded.ok()) run.message = *decoded;
  return run;
}

void expect_four_mlus(const wire::Birth& birth) {
  ASSERT_EQ(birth.devices.size(), 4u);
  for (const auto& d : birth.devices) {
    EXPECT_EQ(d.backend, "cambricon");
    EXPECT_EQ(d.vendor, "Cambricon");
    EXPECT_EQ(d.model, "MLU370-S4");
    EXPECT_EQ(d.pci_id, "cabc:0370");
    EXPECT_EQ(d.units, 16u);
    EXPECT_EQ(d.catalog_model, "MLU370-S4");  // a row without a public dense figure: unknown
    EXPECT_EQ(d.peak_source, PeakSource::unknown);
    EXPECT_EQ(d.id.rfind("MLU-6a1e2b3c-", 0), 0u) << d.id;
    EXPECT_EQ(d.uuid, d.id);
  }
  EXPECT_EQ(birth.devices[0].bus_id, "0000:1a:00.0");
}

TEST(CambriconAgent, ListDevicesListsTheMlus) {
  auto run = run_agent("--list-devices", kScenario);
  expect_four_mlus(std::get<wire::Birth>(run.message));
}

TEST(CambriconAgent, TheConfiguredLibraryIsUsed) {
  auto run = run_agent("--list-devices", kScenario, true);
  expect_four_mlus(std::get<wire::Birth>(run.message));
}

TEST(CambriconAgent, OnceReportsBusyTimeAndAHungCallIsCutAtItsDeadline) {
  test::TempDir dir;
  // MLU 1's utilization call hangs (until cndevRelease); the deadline is 500 ms.
  const std::string scenario = dir.write("hung.json", R"({
    "device_defaults": {"name": "MLU370-S4", "utilization": 40, "power_w": 150},
    "devices": [{"uuid": "a"}, {"uuid": "b"}],
    "faults": [{"function": "cndevGetDeviceUtilizationInfo", "device": 1, "hang": true}]})");
  auto run = run_agent("--once", scenario);
  EXPECT_FALSE(run.process.timed_out);
  const auto& data = std::get<wire::Data>(run.message);
  ASSERT_EQ(data.devices.size(), 2u);
  EXPECT_TRUE(data.devices[0].healthy);
  EXPECT_EQ(data.devices[0].method, Method::busy_time);
  EXPECT_DOUBLE_EQ(data.devices[0].activity_mean.value(), 0.4);
  EXPECT_DOUBLE_EQ(data.devices[0].power_w.value(), 150.0);
  EXPECT_FALSE(data.devices[1].healthy);
  EXPECT_EQ(data.devices[1].health_reason, "timeout");
}

}  // namespace
}  // namespace suanli
