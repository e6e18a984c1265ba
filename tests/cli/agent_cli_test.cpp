#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "config/ids.hpp"
#include "tests/cli/example_config.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

using test::run_process;

const std::string kAgent = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";
const std::string kAgentExample = std::string(SUANLI_SOURCE_DIR) + "/config/agent.example.json";

// Decodes one line of standard output as the message of `kind` it claims to be.
wire::Message decode_line(const std::string& out, wire::Kind kind) {
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "expected exactly one line of JSON: " << out;
  auto doc = nlohmann::json::parse(out);
  auto topic = wire::make_topic(doc.at("center").get<std::string>(),
                                doc.at("node").get<std::string>(), kind);
  auto msg = wire::decode(topic, out);
  EXPECT_TRUE(msg.ok()) << (msg.ok() ? "" : msg.error().message());
  return msg.ok() ? *msg : wire::Message{};
}

TEST(CliAgent, Version) {
  auto r = run_process({kAgent, "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "suanli-agent 0.1.0\n");
}

TEST(CliAgent, CheckConfigAcceptsTheExampleAndPrintsTheEffectiveConfig) {
  test::TempDir dir;
  auto r = run_process(
      {kAgent, "--check-config", "--config", test::example_with_files(dir, kAgentExample)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto effective = nlohmann::json::parse(r.out);
  EXPECT_EQ(effective.at("center"), "sz-aicc");
  EXPECT_EQ(effective.at("mqtt").at("reconnect_max_ms"), 60000);  // a default filled in
  EXPECT_NE(r.err.find("ok"), std::string::npos);
}

TEST(CliAgent, CheckConfigRejectsQos5NamingTheKey) {
  test::TempDir dir;
  auto path = dir.write("agent.json", R"({"center": "sz-aicc", "mqtt": {"qos": 5}})");
  auto r = run_process({kAgent, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "mqtt.qos: expected 0 or 1, got 5\n");
  EXPECT_EQ(r.out, "");
}

// --list-devices on the CPU fixture trees (tests/fixtures/cpu), read through SUANLI_SYSFS_ROOT
// and SUANLI_PROCFS_ROOT as on a real host.
wire::Birth list_cpu_fixture(const std::string& name) {
  const std::string root = std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/cpu/" + name;
  auto r = run_process(
      {kAgent, "--list-devices"},
      {"SUANLI_SYSFS_ROOT=" + root + "/sys", "SUANLI_PROCFS_ROOT=" + root + "/proc",
       "SUANLI_NVML_LIBRARY=" + root + "/none.so", "SUANLI_DCMI_LIBRARY=" + root + "/none.so"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto msg = decode_line(r.out, wire::Kind::birth);
  return std::holds_alternative<wire::Birth>(msg) ? std::get<wire::Birth>(msg) : wire::Birth{};
}

// A fixture host of this program's instruction set: the agent derives a CPU peak only for the ISA
// it runs on (under qemu-user it reads the build host's cpuinfo).
struct NativeCpuFixture {
  const char* name;
  std::size_t sockets;
  double fp64_per_socket;
  const char* basis;
};
#if defined(__aarch64__)
// 4 cores x 16 x 3.0 GHz, the ACPI CPPC nominal clock (not the 3.1 GHz maximum).
constexpr NativeCpuFixture kNativeCpu{
    "neoverse-v2", 1, 0.192,
    "4 cores x 3000 MHz (base, ACPI CPPC nominal_freq) x 16 FLOP/cycle fp64 (arm_sve2_4x128 "
    "rates)"};
#else
constexpr NativeCpuFixture kNativeCpu{
    "x86-avx512", 2, 0.384,
    "4 cores x 3000 MHz (base, model name) x 32 FLOP/cycle fp64 (x86_avx512_2fma rates)"};
#endif

TEST(CliAgent, ListDevicesGivesEachSocketItsDerivedPeak) {
  auto birth = list_cpu_fixture(kNativeCpu.name);
  ASSERT_EQ(birth.devices.size(), kNativeCpu.sockets);
  for (const auto& d : birth.devices) {
    EXPECT_EQ(d.backend, "cpu");
    EXPECT_EQ(d.peak_source, PeakSource::derived);
    EXPECT_NEAR(*d.peak_tflops[Precision::fp64], kNativeCpu.fp64_per_socket, 1e-9);
    EXPECT_EQ(d.peak_basis, kNativeCpu.basis);
    EXPECT_EQ(d.peak_confidence, PeakConfidence::medium);
    EXPECT_EQ(d.peak_unknown, PrecisionSet{}) << "a CPU's fp64 and fp32 are both derived";
  }
  EXPECT_NEAR(*birth.totals.peak_tflops[Precision::fp64],
              kNativeCpu.fp64_per_socket * static_cast<double>(kNativeCpu.sockets), 1e-9);
  EXPECT_FALSE(birth.host.cpu_limit.has_value());  // no cgroup limit in this tree
}

TEST(CliAgent, ListDevicesInALimitedCgroupReportsTheLimitAndTheHostsCpus) {
  auto birth = list_cpu_fixture("x86-vm");  // cpu.max 150000 100000 on the agent's cgroup
  ASSERT_EQ(birth.devices.size(), 1u);
  EXPECT_EQ(birth.devices[0].units, 2u);  // the host's CPUs: a limit changes no inventory
#if defined(__x86_64__)
  // No cpufreq: the hypervisor's nominal cpu MHz of /proc/cpuinfo (2 cores x 16 x 2445.424).
  EXPECT_EQ(birth.devices[0].peak_source, PeakSource::derived);
  EXPECT_NEAR(*birth.devices[0].peak_tflops[Precision::fp64], 2 * 16 * 2445.424 / 1e6,
              1e-6);  // the wire rounds to one MFLOPS
#else
  EXPECT_EQ(birth.devices[0].peak_source, PeakSource::unknown);  // another ISA's cpuinfo
#endif
  ASSERT_TRUE(birth.host.cpu_limit.has_value());
  EXPECT_DOUBLE_EQ(*birth.host.cpu_limit, 1.5);
}

TEST(CliAgent, InvalidJsonGivesLineAndColumnAndExit2) {
  test::TempDir dir;
  auto path = dir.write("agent.json", "{\n  \"center\": \"sz\",\n  oops\n}\n");
  auto r = run_process({kAgent, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind(path + ":3:3: invalid JSON: ", 0), 0u) << r.err;
}

TEST(CliAgent, UnreadableConfigExit2) {
  auto r = run_process({kAgent, "--config", "/nonexistent/agent.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "/nonexistent/agent.json: cannot read: No such file or directory\n");
}

TEST(CliAgent, ServiceNeedsACenter) {
  test::TempDir dir;
  auto path = dir.write("agent.json", "{}");
  auto r = run_process({kAgent, "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "center: required\n");
}

TEST(CliAgent, BadCatalogFileIsABadConfig) {
  test::TempDir dir;
  dir.write("catalog.json", "{\"accelerators\": [");
  auto path = dir.write("agent.json", R"({"center": "sz-aicc", "catalog": {"path": ")" +
                                          dir.path() + R"(/catalog.json"}})");
  auto r = run_process({kAgent, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("catalog.path: " + dir.path() + "/catalog.json:1:19: invalid JSON", 0), 0u)
      << r.err;
}

// Every file the start would read: missing, each named by its key (exit 2); then present, ok.
TEST(CliAgent, CheckConfigNamesEachFileItCannotRead) {
  test::TempDir dir;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"mqtt.password_file", "password"},   {"mqtt.tls.ca_file", "ca.pem"},
      {"mqtt.tls.cert_file", "client.pem"}, {"mqtt.tls.key_file", "client.key"},
      {"http.token_file", "token"},         {"http.tls.ca_file", "http-ca.pem"}};
  nlohmann::json config = {{"center", "sz-aicc"},
                           {"mqtt",
                            {{"uri", "mqtts://127.0.0.1:8883"},
                             {"username", "agent"},
                             {"password_file", dir.path() + "/password"},
                             {"tls",
                              {{"ca_file", dir.path() + "/ca.pem"},
                               {"cert_file", dir.path() + "/client.pem"},
                               {"key_file", dir.path() + "/client.key"}}}}},
                           {"http",
                            {{"url", "https://127.0.0.1:8443/api/v1/ingest"},
                             {"token_file", dir.path() + "/token"},
                             {"tls", {{"ca_file", dir.path() + "/http-ca.pem"}}}}}};
  auto path = dir.write("agent.json", config.dump());
  auto r = run_process({kAgent, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  for (const auto& [key, file] : files) {
    EXPECT_NE(r.err.find(key + ": " + dir.path() + "/" + file + ": cannot read: "),
              std::string::npos)
        << key << " in:\n"
        << r.err;
  }

  for (const auto& [key, file] : files)
    dir.write(file, "x\n");
  r = run_process({kAgent, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(CliAgent, UnknownFlagIsBadUsage) {
  auto r = run_process({kAgent, "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--frobnicate"), std::string::npos);
}

TEST(CliAgent, HelpExits0) {
  auto r = run_process({kAgent, "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--list-devices"), std::string::npos);
}

TEST(CliAgent, ListDevicesPrintsABirthMessageWithoutConfig) {
  auto r = run_process({kAgent, "--list-devices"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto msg = decode_line(r.out, wire::Kind::birth);
  ASSERT_TRUE(std::holds_alternative<wire::Birth>(msg));
  const auto& birth = std::get<wire::Birth>(msg);
  EXPECT_EQ(birth.header.center, "local");
  EXPECT_EQ(birth.header.node, host_id());  // the host name, as an id
  EXPECT_FALSE(birth.host.hostname.empty());
  EXPECT_EQ(birth.host.agent_version, "0.1.0");
  EXPECT_EQ(birth.interval_ms, 10000u);
  EXPECT_EQ(birth.totals.devices, birth.devices.size());
  bool has_cpu = std::any_of(birth.devices.begin(), birth.devices.end(), [](const wire::Device& d) {
    return d.device_class == DeviceClass::cpu;
  });
  EXPECT_TRUE(has_cpu) << "a machine without accelerators still lists its CPU: " << r.out;
}

TEST(CliAgent, ListDevicesUsesTheConfiguredIds) {
  test::TempDir dir;
  auto path = dir.write("agent.json", R"({"center": "ks-aicc", "node": "edge-7",
                                          "district": "昆山市", "publish_interval_ms": 5000})");
  auto r = run_process({kAgent, "--list-devices", "--config", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto birth = std::get<wire::Birth>(decode_line(r.out, wire::Kind::birth));
  EXPECT_EQ(birth.header.center, "ks-aicc");
  EXPECT_EQ(birth.header.node, "edge-7");
  EXPECT_EQ(*birth.district, "昆山市");
  EXPECT_EQ(birth.interval_ms, 5000u);
}

TEST(CliAgent, OncePrintsOneDataMessage) {
  test::TempDir dir;
  auto path = dir.write("agent.json", R"({"sample_interval_ms": 200})");
  auto r = run_process({kAgent, "--once", "--config", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto data = std::get<wire::Data>(decode_line(r.out, wire::Kind::data));
  EXPECT_GE(data.window.end_ms, data.window.start_ms);
  EXPECT_EQ(data.totals.devices, data.devices.size());
  EXPECT_EQ(data.dropped_total, 0u);
  EXPECT_EQ(data.interval_ms, 2000u);  // the default window
}

TEST(CliAgent, OnceTakesTheWindowLengthFromTheCommandLine) {
  auto r = run_process({kAgent, "--once", "--window-ms", "500"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto data = std::get<wire::Data>(decode_line(r.out, wire::Kind::data));
  EXPECT_EQ(data.interval_ms, 500u);
  EXPECT_GT(data.window.samples, 0u);
}

TEST(CliAgent, WindowMsIsCheckedAndNeedsOnce) {
  auto r = run_process({kAgent, "--once", "--window-ms", "5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--window-ms"), std::string::npos) << r.err;
  r = run_process({kAgent, "--list-devices", "--window-ms", "500"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--once"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace suanli
