// A real agent that declares a quantum computer with a command probe, one central, one
// Mosquitto: central counts its qubits live while the probe passes and installed only once it
// fails, in the indicator and /metrics, and never in a FLOPS figure.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"

namespace suanli::central_service_test {
namespace {

using nlohmann::json;

constexpr const char* kQuantumCenter = "sz-qc";

const json* center_of(const json& indicator, const std::string& id) {
  for (const json& c : indicator.at("centers")) {
    if (c.at("id") == id) return &c;
  }
  return nullptr;
}

TEST(CentralQuantum, CountsDeclaredQubitsLiveByTheProbeAndNeverInFlops) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  json central_cfg = central_config(dir, broker.uri());
  central_cfg["centers"][kQuantumCenter] = {
      {"name", "量子科技长三角产业创新中心"}, {"district", "xiangcheng"}, {"class", "quantum"}};
  Central central(dir, central_cfg);
  ASSERT_TRUE(central.ready()) << central.err();

  test::TempDir agent_dir;
  const std::string up_file = agent_dir.path() + "/qc-up";
  std::ofstream(up_file) << "up\n";
  json cfg = service_test::base_config(agent_dir, broker.uri());
  cfg["center"] = kQuantumCenter;
  cfg["node"] = "qc-ctl";
  cfg["collectors"].erase("declared");  // collectors_only switched it off
  cfg["declared"] =
      json::array({{{"kind", "quantum"},
                    {"name", "Tianyan-504"},
                    {"vendor", "China Telecom Quantum Group"},
                    {"qubits", 504},
                    {"probe", {{"command", {"test", "-e", up_file}}, {"deadline_ms", 2000}}}}});
  service_test::Agent agent(agent_dir, service_test::write_config(agent_dir, cfg));

  json ind = central.poll("/api/v1/indicator",
                          [](const json& doc) { return doc["quantum"]["live_qubits"] == 504; });
  ASSERT_EQ(ind["quantum"]["live_qubits"], 504) << ind.dump() << agent.err();
  const json want_up = {
      {"devices", 1}, {"devices_live", 1}, {"installed_qubits", 504}, {"live_qubits", 504}};
  EXPECT_EQ(ind["quantum"], want_up);
  const json* center = center_of(ind, kQuantumCenter);
  ASSERT_NE(center, nullptr);
  EXPECT_EQ((*center)["class"], "quantum");
  EXPECT_EQ((*center)["quantum"], want_up);
  // The agent's simulated H100s count in FLOPS; the quantum computer in no FLOPS figure.
  EXPECT_EQ(ind["counts"]["devices"], 2);  // base_config's two H100s
  EXPECT_EQ(ind["counts"]["devices_unknown_peak"], 0);
  EXPECT_EQ(ind["all_classes"]["installed_pflops"]["fp16"],
            ind["by_class"]["intelligent"]["installed_pflops"]["fp16"]);

  test::HttpReply metrics = central.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find(
          R"(suanli_quantum_qubits{center="sz-qc",district="xiangcheng",state="installed"} 504)"),
      std::string::npos)
      << metrics.body;

  std::filesystem::remove(up_file);  // the probe fails from its next run on
  ind = central.poll("/api/v1/indicator",
                     [](const json& doc) { return doc["quantum"]["live_qubits"] == 0; });
  EXPECT_EQ(
      ind["quantum"],
      (json{{"devices", 1}, {"devices_live", 0}, {"installed_qubits", 504}, {"live_qubits", 0}}))
      << agent.err();
}

}  // namespace
}  // namespace suanli::central_service_test
