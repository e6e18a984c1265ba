// suanli-agent --list-devices / --once against the fake libnvidia-ml.so.1, loaded through
// SUANLI_NVML_LIBRARY: the same dlopen path as on a real GPU node.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/backends_config.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

using test::run_process;

const std::string kAgent = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";
const std::string kFixtures = std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/nvml/";
constexpr double kH100Fp16 = 989.4;

// Only the NVML backend, so that totals are the GPUs' alone.
std::string nvml_only_config() {
  nlohmann::json collectors = test::collectors_only({"nvml"});
  collectors["call_timeout_ms"] = 500;
  return nlohmann::json{{"center", "sz-aicc"}, {"node", "gpu-01"}, {"collectors", collectors}}
      .dump();
}

struct AgentRun {
  test::ProcessResult process;
  wire::Message message;
};

AgentRun run_agent(const std::string& flag, const std::string& scenario,
                   const std::string& library = SUANLI_FAKE_NVML, const std::string& faults = "") {
  test::TempDir dir;
  std::string config = dir.write("agent.json", nvml_only_config());
  std::vector<std::string> env = {
      "SUANLI_NVML_LIBRARY=" + library,
      "SUANLI_FAKE_NVML_SCENARIO=" + (scenario.starts_with('/') ? scenario : kFixtures + scenario)};
  if (!faults.empty()) env.push_back("SUANLI_FAKE_NVML_FAULTS=" + faults);
  AgentRun run{run_process({kAgent, flag, "--config", config}, env), {}};
  EXPECT_EQ(run.process.exit_code, 0) << run.process.err;
  wire::Kind kind = flag == "--once" ? wire::Kind::data : wire::Kind::birth;
  auto decoded = wire::decode(wire::make_topic("sz-aicc", "gpu-01", kind), run.process.out);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().message()) << "\n"
                            << run.process.out << run.process.err;
  if (decoded.ok()) run.message = *decoded;
  return run;
}

const wire::DeviceWindow* find(const wire::Data& data, std::size_t index) {
  return index < data.devices.size() ? &data.devices[index] : nullptr;
}

TEST(CliAgentNvml, EightH100sFromTheCatalog) {
  auto run = run_agent("--list-devices", "h100x8.json");
  const auto& birth = std::get<wire::Birth>(run.message);
  ASSERT_EQ(birth.devices.size(), 8u);
  for (const auto& d : birth.devices) {
    EXPECT_EQ(d.backend, "nvml");
    EXPECT_EQ(d.model, "NVIDIA H100 80GB HBM3");
    EXPECT_EQ(*d.pci_id, "10de:2330");
    EXPECT_EQ(d.peak_source, PeakSource::catalog);
    EXPECT_DOUBLE_EQ(*d.peak_tflops[Precision::fp16], kH100Fp16);
    EXPECT_EQ(d.id.rfind("GPU-", 0), 0u);
  }
  EXPECT_EQ(birth.totals.devices, 8u);
  EXPECT_NEAR(*birth.totals.peak_tflops[Precision::fp16], 7915.2, 1e-6);
  // As written, not 7915.199999999999 (protocol.md section 1).
  EXPECT_NE(run.process.out.find(R"("totals":{"devices":8,"peak_tflops":{)"), std::string::npos);
  EXPECT_NE(run.process.out.find(R"("fp16":7915.2,)"), std::string::npos) << run.process.out;
}

TEST(CliAgentNvml, OnceReportsAchievedAsUtilizationTimesPeak) {
  auto run = run_agent("--once", "h100x8.json");
  const auto& data = std::get<wire::Data>(run.message);
  ASSERT_EQ(data.devices.size(), 8u);
  ASSERT_GE(data.window.samples, 2u);
  double total = 0;
  for (const auto& w : data.devices) {
    EXPECT_TRUE(w.healthy);
    EXPECT_EQ(w.method, Method::busy_time);
    // The scenario's utilization is 0.5 at the first sample and 0.7 after.
    ASSERT_TRUE(w.activity_mean.has_value());
    EXPECT_GT(*w.activity_mean, 0.5);
    EXPECT_LE(*w.activity_mean, 0.7);
    EXPECT_DOUBLE_EQ(*w.activity_max, 0.7);
    EXPECT_NEAR(*w.achieved_tflops[Precision::fp16], *w.activity_mean * kH100Fp16, 1e-9);
    EXPECT_DOUBLE_EQ(*w.power_w, 350.5);
    total += *w.achieved_tflops[Precision::fp16];
  }
  EXPECT_NEAR(*data.totals.achieved_tflops[Precision::fp16], total, 1e-6);
  EXPECT_EQ(data.totals.healthy_devices, 8u);
}

TEST(CliAgentNvml, ALostGpuIsUnhealthyAndTheOthersGoOn) {
  auto run =
      run_agent("--once", "h100x8.json", SUANLI_FAKE_NVML,
                R"([{"call": "nvmlDeviceGetUtilizationRates", "device": 3, "error": "GPU_IS_LOST",
           "from_sample": 2}])");
  const auto& data = std::get<wire::Data>(run.message);
  ASSERT_EQ(data.devices.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    const auto* w = find(data, i);
    if (i == 3) {
      EXPECT_FALSE(w->healthy);
      EXPECT_EQ(*w->health_reason, "gpu_lost");
    } else {
      EXPECT_TRUE(w->healthy) << i;
      EXPECT_TRUE(w->activity_mean.has_value()) << i;
    }
  }
  EXPECT_EQ(data.totals.healthy_devices, 7u);
  EXPECT_NEAR(*data.totals.peak_tflops[Precision::fp16], 8 * kH100Fp16, 1e-6);
  EXPECT_NEAR(*data.totals.live_tflops[Precision::fp16], 7 * kH100Fp16, 1e-6);
}

TEST(CliAgentNvml, AHungCallIsCutAtItsDeadline) {
  // Device 1's utilization call blocks for 10 s; the deadline is 500 ms.
  auto run =
      run_agent("--once", "h100x8.json", SUANLI_FAKE_NVML,
                R"([{"call": "nvmlDeviceGetUtilizationRates", "device": 1, "block_ms": 10000}])");
  EXPECT_FALSE(run.process.timed_out);
  const auto& data = std::get<wire::Data>(run.message);
  ASSERT_EQ(data.devices.size(), 8u);
  EXPECT_FALSE(data.devices[1].healthy);
  EXPECT_EQ(*data.devices[1].health_reason, "timeout");
  for (std::size_t i : {0, 2, 3, 4, 5, 6, 7})
    EXPECT_TRUE(data.devices[i].healthy) << i;
  EXPECT_NE(run.process.err.find("did not answer within 500 ms"), std::string::npos)
      << run.process.err;
}

TEST(CliAgentNvml, RequiredSymbolsOnlyLibraryWorksWithReadingsAbsent) {
  auto birth_run = run_agent("--list-devices", "h100x8.json", SUANLI_FAKE_NVML_MINIMAL);
  const auto& birth = std::get<wire::Birth>(birth_run.message);
  ASSERT_EQ(birth.devices.size(), 8u);
  EXPECT_DOUBLE_EQ(*birth.devices[0].peak_tflops[Precision::fp16], kH100Fp16);

  auto once_run = run_agent("--once", "h100x8.json", SUANLI_FAKE_NVML_MINIMAL);
  const auto& data = std::get<wire::Data>(once_run.message);
  ASSERT_EQ(data.devices.size(), 8u);
  const auto& w = data.devices[0];
  EXPECT_TRUE(w.healthy);
  EXPECT_TRUE(w.activity_mean.has_value());
  EXPECT_TRUE(w.memory_used_bytes.has_value());
  EXPECT_FALSE(w.power_w.has_value());  // nvmlDeviceGetPowerUsage is not exported
  EXPECT_FALSE(w.temperature_c.has_value());
  EXPECT_FALSE(w.sm_clock_mhz.has_value());
}

TEST(CliAgentNvml, AMissingLibraryMeansNoNvmlBackendAndExit0) {
  auto run = run_agent("--list-devices", "h100x8.json", "/nonexistent/libnvidia-ml.so.1");
  const auto& birth = std::get<wire::Birth>(run.message);
  EXPECT_TRUE(birth.devices.empty());
  std::size_t lines = 0;
  std::size_t pos = 0;
  while ((pos = run.process.err.find("nvml", pos)) != std::string::npos) {
    ++lines;
    pos = run.process.err.find('\n', pos);
  }
  EXPECT_EQ(lines, 1u) << run.process.err;
}

TEST(CliAgentNvml, AMigSplitH100CountsAsOneH100) {
  auto run = run_agent("--list-devices", "h100_mig7.json");
  const auto& birth = std::get<wire::Birth>(run.message);
  ASSERT_EQ(birth.devices.size(), 8u);  // the GPU and its 7 slices
  EXPECT_EQ(birth.totals.devices, 1u);
  EXPECT_NEAR(*birth.totals.peak_tflops[Precision::fp16], kH100Fp16, 1e-6);
  double slices = 0;
  for (const auto& d : birth.devices) {
    if (!d.parent) continue;
    EXPECT_EQ(*d.parent, birth.devices[0].id);
    slices += *d.peak_tflops[Precision::fp16];
  }
  EXPECT_LE(slices, kH100Fp16 + 1e-6);
}

// Utilization answers NOT_SUPPORTED under MIG and an A100 has no GPM: the window says unknown
// (method none, no activity, achieved {}), and the node's achieved total has no figure, not 0.
TEST(CliAgentNvml, AnA100UnderMigWithoutGpmHasUnknownAchievedNotZero) {
  auto run = run_agent("--once", "a100_mig4.json");
  const auto& data = std::get<wire::Data>(run.message);
  ASSERT_EQ(data.devices.size(), 5u);  // the GPU and its 4 slices
  ASSERT_GE(data.window.samples, 2u);
  for (const auto& w : data.devices) {
    EXPECT_TRUE(w.healthy) << w.id;
    EXPECT_EQ(w.method, Method::none) << w.id;
    EXPECT_FALSE(w.method_shares) << w.id;
    EXPECT_FALSE(w.activity_mean) << w.id;
    EXPECT_TRUE(w.achieved_tflops.empty()) << w.id;
  }
  EXPECT_EQ(data.totals.healthy_devices, 1u);
  EXPECT_NEAR(*data.totals.live_tflops[Precision::fp16], 312, 1e-6);
  EXPECT_TRUE(data.totals.achieved_tflops.empty());
  EXPECT_NE(run.process.out.find(R"("method":"none","achieved_tflops":{})"), std::string::npos);
  EXPECT_NE(run.process.out.find(R"("achieved_tflops":{}},"dropped_total")"), std::string::npos)
      << run.process.out;
}

// GPM answers for the first sample only, then fails: the later samples fall back to busy time, and
// the window says how many samples each method measured.
TEST(CliAgentNvml, AWindowMixingGpmAndBusyTimeGivesTheShareOfEach) {
  test::TempDir dir;
  std::ifstream fixture(kFixtures + "h100x8.json");
  nlohmann::json scenario = nlohmann::json::parse(fixture);
  for (auto& d : scenario["devices"])
    d["gpm"] = {{"tensor_active", {0.3}}};
  const std::string path = dir.write("scenario.json", scenario.dump());
  auto run = run_agent(
      "--once", path, SUANLI_FAKE_NVML,
      R"([{"call": "nvmlGpmSampleGet", "device": 2, "error": "UNKNOWN", "from_sample": 2}])");
  const auto& data = std::get<wire::Data>(run.message);
  ASSERT_EQ(data.devices.size(), 8u);
  const std::uint64_t n = data.window.samples;
  ASSERT_GE(n, 2u);
  const auto& mixed = data.devices[2];
  ASSERT_TRUE(mixed.method_shares) << run.process.out;
  EXPECT_DOUBLE_EQ((*mixed.method_shares)[Method::gpm_tensor], 1.0 / static_cast<double>(n));
  EXPECT_DOUBLE_EQ((*mixed.method_shares)[Method::busy_time],
                   static_cast<double>(n - 1) / static_cast<double>(n));
  EXPECT_EQ(mixed.method, n == 2 ? Method::gpm_tensor : Method::busy_time);
  for (std::size_t i : {0, 1, 3}) {
    EXPECT_EQ(data.devices[i].method, Method::gpm_tensor) << i;
    EXPECT_FALSE(data.devices[i].method_shares) << i;
  }
}

}  // namespace
}  // namespace suanli
