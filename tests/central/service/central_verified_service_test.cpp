// Verified capacity end to end, with real agents on the fake NVML, a real Mosquitto and the real
// suanli-central: an inflated peak is not believed, two nodes reporting the same GPUs count them
// once, a moved host takes its GPUs, and a Last Will after a broker restart takes a node offline.

#include <gtest/gtest.h>

#include <csignal>
#include <memory>

#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fx = suanli::central::test;

const std::string kScenario = std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/nvml/h100x8.json";
constexpr double kEightH100s = 8 * 989.4 / 1000;  // PFLOPS fp16, the catalog's figure

std::size_t count_kind(const json& anomalies, const std::string& kind, const std::string& node) {
  std::size_t n = 0;
  for (const json& a : anomalies["anomalies"])
    n += a["kind"] == kind && a["node"] == node ? 1 : 0;
  return n;
}

class VerifiedService : public ::testing::Test {
 protected:
  void SetUp() override {
    central_ = std::make_unique<Central>(dir_, central_config(dir_, broker_.uri()));
    ASSERT_TRUE(central_->ready()) << central_->err();
  }

  // A real agent of node `node` in sz-aicc whose eight H100s come from the fake NVML scenario
  // h100x8.json: every such agent reports the same eight UUIDs.
  service_test::Agent& start_agent(const std::string& node) {
    auto& dir = agent_dirs_.emplace_back(std::make_unique<test::TempDir>());
    json cfg = service_test::base_config(*dir, broker_.uri());
    cfg["node"] = node;
    cfg["collectors"]["sim"]["enabled"] = false;
    cfg["collectors"]["nvml"] = {{"enabled", true}, {"library", SUANLI_FAKE_NVML}};
    return *agents_.emplace_back(std::make_unique<service_test::Agent>(
        *dir, service_test::write_config(*dir, cfg), node,
        std::vector<std::string>{"SUANLI_FAKE_NVML_SCENARIO=" + kScenario}));
  }

  json node_of(const std::string& node) {
    json nodes = central_->get_json("/api/v1/nodes").value_or(json::object());
    for (const json& n : nodes.value("nodes", json::array())) {
      if (n["node"] == node) return n;
    }
    return json::object();
  }

  void TearDown() override {
    for (auto& agent : agents_)
      agent->process.signal(SIGKILL);
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  std::unique_ptr<Central> central_;
  std::vector<std::unique_ptr<test::TempDir>> agent_dirs_;
  std::vector<std::unique_ptr<service_test::Agent>> agents_;
};

TEST_F(VerifiedService, TwoNodesReportingTheSameGpusCountThemOnceAndAMovedHostTakesThem) {
  service_test::Agent& original = start_agent("gpu-a");
  json ind = central_->poll("/api/v1/indicator", [](const json& d) {
    return d["counts"]["devices"] == 8 && d["counts"]["nodes"]["online"] == 1;
  });
  ASSERT_EQ(ind["counts"]["devices"], 8) << ind.dump() << original.err() << central_->err();
  EXPECT_DOUBLE_EQ(ind["headline"]["installed_pflops"].get<double>(), kEightH100s);
  EXPECT_DOUBLE_EQ(ind["headline"]["verified_pflops"].get<double>(), kEightH100s);
  EXPECT_EQ(ind["counts"]["devices_verified"], 8);

  start_agent("gpu-clone");  // a cloned image: the same eight GPUs under another node name
  ind = central_->poll("/api/v1/indicator", [](const json& d) {
    return d["counts"]["devices_held_elsewhere"] == 8 && d["counts"]["nodes"]["online"] == 2;
  });
  ASSERT_EQ(ind["counts"]["devices_held_elsewhere"], 8) << ind.dump() << central_->err();
  EXPECT_EQ(ind["counts"]["devices"], 8);
  EXPECT_DOUBLE_EQ(ind["headline"]["installed_pflops"].get<double>(), kEightH100s);
  json anomalies = central_->get_json("/api/v1/anomalies").value();
  EXPECT_EQ(count_kind(anomalies, "duplicate_device", "gpu-clone"), 8u) << anomalies.dump();

  // The original host goes away cleanly (status offline): the other node takes its GPUs.
  ASSERT_TRUE(original.terminate());
  json moved = central_->poll("/api/v1/anomalies", [](const json& a) {
    return count_kind(a, "device_moved", "gpu-clone") == 8;
  });
  EXPECT_EQ(count_kind(moved, "device_moved", "gpu-clone"), 8u) << moved.dump();
  EXPECT_EQ(count_kind(moved, "duplicate_device", "gpu-clone"), 0u);
  ind = central_->get_json("/api/v1/indicator").value();
  EXPECT_DOUBLE_EQ(ind["headline"]["installed_pflops"].get<double>(), kEightH100s);
  EXPECT_EQ(node_of("gpu-clone")["devices"], 8);
  EXPECT_EQ(node_of("gpu-a")["devices"], 0);
}

TEST_F(VerifiedService, AnInflatedPeakIsCountedAtTheCatalogsFigureAndAnOutOfBoundsWindowRefused) {
  WirePublisher publisher(broker_);
  std::vector<wire::Device> devices = {fx::h100("gpu0", 100000)};
  const std::string prefix = std::string("suanli/v1/") + kCenterA + "/liar/";
  ASSERT_TRUE(publisher.publish(
      prefix + "birth", wire::encode(fx::birth(fx::header(kCenterA, "liar", 1, 0), devices))));
  json anomalies = central_->poll("/api/v1/anomalies", [](const json& a) {
    return count_kind(a, "peak_mismatch", "liar") == 1;
  });
  ASSERT_EQ(count_kind(anomalies, "peak_mismatch", "liar"), 1u) << anomalies.dump();
  json ind = central_->get_json("/api/v1/indicator").value();
  EXPECT_DOUBLE_EQ(ind["headline"]["installed_pflops"].get<double>(), 0.9894);
  EXPECT_EQ(ind["counts"]["devices_corrected"], 1);

  wire::Data window = fx::data(fx::header(kCenterA, "liar", 1, 0), devices, 0.5);
  window.devices[0].achieved_tflops[Precision::fp8] = 5000;  // above the fp8 it claims
  ASSERT_TRUE(publisher.publish(prefix + "data", wire::encode(window)));
  json stats = central_->poll("/api/v1/stats",
                              [](const json& s) { return s["rejected"]["bound_violation"] == 1; });
  EXPECT_EQ(stats["rejected"]["bound_violation"], 1) << stats.dump();
  EXPECT_EQ(stats["bound_violations"], 1);
  anomalies = central_->get_json("/api/v1/anomalies").value();
  EXPECT_EQ(count_kind(anomalies, "bound_violation", "liar"), 1u) << anomalies.dump();
  ind = central_->get_json("/api/v1/indicator").value();
  EXPECT_DOUBLE_EQ(ind["headline"]["live_pflops"].get<double>(), 0.0);
  const std::string metrics = central_->get("/metrics").body;
  EXPECT_NE(metrics.find("suanli_anomalies{kind=\"peak_mismatch\"} 1"), std::string::npos)
      << metrics;
}

TEST_F(VerifiedService, ALastWillAfterABrokerRestartTakesTheNodeOffline) {
  service_test::Agent& agent = start_agent("gpu-a");
  json node = central_->poll("/api/v1/nodes", [](const json& d) {
    for (const json& n : d["nodes"]) {
      if (n["node"] == "gpu-a" && n["last_seq"].is_number() && n["last_seq"] >= 2) return true;
    }
    return false;
  });
  ASSERT_GE(node_of("gpu-a").value("last_seq", json(0)).get<int>(), 2) << central_->err();

  broker_.stop();
  broker_.start();
  // The agent reconnects and publishes its online status with the seq it has reached; central
  // reconnects and sees the node's windows again.
  // last_seq is null while central holds no window of the node's boot (registry.cpp, start_boot).
  auto last_seq = [](const json& n) {
    return n.value("last_seq", json(0)).is_number() ? n["last_seq"].get<std::uint64_t>() : 0;
  };
  const std::uint64_t before = last_seq(node_of("gpu-a"));
  central_->poll("/api/v1/nodes", [&](const json& d) {
    for (const json& n : d["nodes"]) {
      if (n["node"] == "gpu-a" && last_seq(n) > before + 1) return true;
    }
    return false;
  });
  ASSERT_GT(last_seq(node_of("gpu-a")), before + 1) << central_->err();
  ASSERT_EQ(node_of("gpu-a")["state"], "online");

  agent.process.signal(SIGKILL);  // the broker publishes its Last Will
  central_->poll("/api/v1/nodes", [](const json& d) {
    for (const json& n : d["nodes"]) {
      if (n["node"] == "gpu-a") return n["state"] == "offline";
    }
    return false;
  });
  EXPECT_EQ(node_of("gpu-a")["state"], "offline") << central_->err();
}

}  // namespace
}  // namespace suanli::central_service_test
