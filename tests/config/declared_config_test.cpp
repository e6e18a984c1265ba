// The agent's `declared` devices: bad values name their key (the program exits 2 on them), good
// ones bind to the typed config.
#include <gtest/gtest.h>

#include "collectors/registry.hpp"
#include "config/agent_config.hpp"

namespace suanli::config {
namespace {

Expected<AgentConfig, std::vector<std::string>> load_declared(const std::string& declared) {
  return load_agent_config(R"({"center": "sz-qcyrd", "declared": )" + declared + "}", "agent.json",
                           Mode::service, collectors::backend_specs());
}

struct DeclaredBad {
  const char* name;
  const char* declared;
  std::vector<std::string> problems;
};

std::ostream& operator<<(std::ostream& os, const DeclaredBad& c) {
  return os << c.name;
}

class ConfigDeclaredBad : public testing::TestWithParam<DeclaredBad> {};

TEST_P(ConfigDeclaredBad, NamesTheKeyAndTheProblem) {
  auto cfg = load_declared(GetParam().declared);
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error(), GetParam().problems);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ConfigDeclaredBad,
    testing::Values(
        DeclaredBad{"not_an_array",
                    R"({"kind": "quantum"})",
                    {R"(declared: expected an array, got {"kind":"quantum"})"}},
        DeclaredBad{"unknown_kind",
                    R"([{"kind": "annealer", "name": "D-Wave", "qubits": 5000}])",
                    {R"(declared[0].kind: expected "quantum", got "annealer")"}},
        DeclaredBad{"no_qubits",
                    R"([{"kind": "quantum", "name": "Tianyan-504"}])",
                    {"declared[0].qubits: required"}},
        DeclaredBad{"zero_qubits",
                    R"([{"kind": "quantum", "name": "Tianyan-504", "qubits": 0}])",
                    {"declared[0].qubits: expected an integer from 1 to 1000000, got 0"}},
        DeclaredBad{"fraction_qubits",
                    R"([{"kind": "quantum", "name": "Tianyan-504", "qubits": 504.5}])",
                    {"declared[0].qubits: expected an integer, got 504.5"}},
        DeclaredBad{"empty_name",
                    R"([{"kind": "quantum", "name": "", "qubits": 504}])",
                    {R"(declared[0].name: expected a non-empty string, got "")"}},
        DeclaredBad{"probe_without_target",
                    R"([{"kind": "quantum", "name": "Q", "qubits": 5, "probe": {}}])",
                    {"declared[0].probe: needs http (a URL) or command (a non-empty array)"}},
        DeclaredBad{"probe_with_both",
                    R"([{"kind": "quantum", "name": "Q", "qubits": 5, "probe":
                        {"http": "http://127.0.0.1/up", "command": ["true"]}}])",
                    {"declared[0].probe: set http or command, not both"}},
        DeclaredBad{
            "probe_bad_url",
            R"([{"kind": "quantum", "name": "Q", "qubits": 5, "probe":
                        {"http": "ftp://qc/up"}}])",
            {R"(declared[0].probe.http: expected an http:// or https:// URL, got "ftp://qc/up")"}},
        DeclaredBad{"probe_command_not_strings",
                    R"([{"kind": "quantum", "name": "Q", "qubits": 5, "probe":
                        {"command": ["qc-status", 3]}}])",
                    {"declared[0].probe.command[1]: expected a string, got 3"}},
        DeclaredBad{
            "probe_deadline_too_short",
            R"([{"kind": "quantum", "name": "Q", "qubits": 5, "probe":
                        {"command": ["true"], "deadline_ms": 1}}])",
            {"declared[0].probe.deadline_ms: expected an integer from 10 to 600000, got 1"}},
        DeclaredBad{"second_device_misspelt",
                    R"([{"kind": "quantum", "name": "Q", "qubits": 5},
                        {"kind": "quantum", "name": "R", "qbits": 5}])",
                    {"declared[1].qbits: unknown key (did you mean declared[1].qubits?)",
                     "declared[1].qubits: required"}}));

TEST(ConfigDeclared, BindsDevicesAndProbes) {
  auto cfg = load_declared(R"([
      {"kind": "quantum", "name": "Tianyan-504", "vendor": "China Telecom Quantum Group",
       "qubits": 504, "probe": {"http": "http://qc.example/up", "deadline_ms": 3000}},
      {"kind": "quantum", "name": "Q2", "qubits": 72, "probe": {"command": ["qc-ping", "-q"]}},
      {"kind": "quantum", "name": "Q3", "qubits": 8}])");
  ASSERT_TRUE(cfg.ok()) << testing::PrintToString(cfg.error());
  ASSERT_EQ(cfg->declared.size(), 3u);
  const DeclaredDevice& first = cfg->declared[0];
  EXPECT_EQ(first.kind, "quantum");
  EXPECT_EQ(first.name, "Tianyan-504");
  EXPECT_EQ(first.vendor, "China Telecom Quantum Group");
  EXPECT_EQ(first.qubits, 504u);
  ASSERT_TRUE(first.probe);
  EXPECT_EQ(first.probe->http, "http://qc.example/up");
  EXPECT_EQ(first.probe->deadline_ms, 3000);
  ASSERT_TRUE(cfg->declared[1].probe);
  EXPECT_EQ(cfg->declared[1].probe->command, (std::vector<std::string>{"qc-ping", "-q"}));
  EXPECT_EQ(cfg->declared[1].probe->deadline_ms, 5000);  // the default
  EXPECT_FALSE(cfg->declared[1].vendor);
  EXPECT_FALSE(cfg->declared[2].probe);
}

TEST(ConfigDeclared, NoneByDefault) {
  auto cfg = load_agent_config(R"({"center": "sz-aicc"})", "agent.json", Mode::service,
                               collectors::backend_specs());
  ASSERT_TRUE(cfg.ok());
  EXPECT_TRUE(cfg->declared.empty());
}

}  // namespace
}  // namespace suanli::config
