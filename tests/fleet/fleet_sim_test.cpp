// suanli-sim as a program: its command line, and a small fleet against a real Mosquitto.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "agent/fleet/fleet_connection.hpp"
#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"
#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

using namespace std::chrono_literals;
using test::run_process;

const std::string kSim = std::string(SUANLI_BINARY_DIR) + "/agent/fleet/suanli-sim";
const std::string kSuzhouFleet =
    std::string(SUANLI_SOURCE_DIR) + "/config/suzhou-fleet.example.json";

// 2 centers x 3 nodes, 3 nodes per connection: 2 MQTT connections.
std::string small_fleet(const std::string& uri, const std::string& extra) {
  return R"({"mqtt": {"uri": ")" + uri + R"("}, "nodes_per_connection": 3, "connections": 2,
    "publish_interval_ms": 1000, "sample_interval_ms": 250, )" +
         extra + R"(
    "centers": [
      {"id": "sz-aicc", "district": "相城区", "nodes": [
        {"prefix": "ascend", "count": 2, "devices": [{"model": "910B", "count": 8}]},
        {"prefix": "h800", "count": 1, "devices": [{"model": "H800 SXM 80GB", "count": 4}]}]},
      {"id": "ks-aicc", "district": "昆山市", "nodes": [
        {"prefix": "a800", "count": 3, "devices": [{"model": "A800 SXM4 80GB", "count": 8},
                                                   {"model": "H20 96GB", "count": 2}],
         "cpus": [{"model": "Intel(R) Xeon(R) Platinum 8480+", "vendor": "Intel", "cores": 56,
                   "clock_mhz": 2000, "arch": "x86_avx512_2fma", "count": 2}]}]}]})";
}

constexpr std::size_t kNodes = 6;

// Every message decodes with the strict decoder; returns them by kind.
std::map<wire::Kind, std::vector<wire::Message>> decode_all(
    const std::vector<test::ReceivedMessage>& received) {
  std::map<wire::Kind, std::vector<wire::Message>> out;
  for (const auto& m : received) {
    auto topic = wire::parse_topic(m.topic);
    EXPECT_TRUE(topic.ok()) << m.topic;
    if (!topic.ok()) continue;
    auto msg = wire::decode(m.topic, m.payload);
    EXPECT_TRUE(msg.ok()) << m.topic << ": " << (msg.ok() ? "" : msg.error().message());
    if (msg.ok()) out[topic->kind].push_back(*msg);
  }
  return out;
}

const wire::Header& header_of(const wire::Message& m) {
  if (auto* s = std::get_if<wire::Status>(&m)) return s->header;
  if (auto* b = std::get_if<wire::Birth>(&m)) return b->header;
  return std::get<wire::Data>(m).header;
}

TEST(SimCli, Version) {
  auto r = run_process({kSim, "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("suanli-sim ", 0), 0u) << r.out;
}

TEST(SimCli, CheckConfigAcceptsTheSuzhouExample) {
  auto r = run_process({kSim, "--check-config", "--config", kSuzhouFleet});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto effective = nlohmann::json::parse(r.out);
  EXPECT_EQ(effective.at("mqtt").at("reconnect_max_ms"), 60000);  // a default filled in
}

TEST(SimCli, BadConfigExits2NamingTheKey) {
  test::TempDir dir;
  auto path = dir.write("fleet.json", small_fleet("mqtt://127.0.0.1:1", R"("mqtt_qos": 1,)"));
  auto r = run_process({kSim, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("mqtt_qos: unknown key", 0), 0u) << r.err;
  path = dir.write("model.json", R"({"centers": [{"id": "a", "nodes": [
      {"prefix": "n", "devices": [{"model": "Nonesuch 1"}]}]}]})");
  r = run_process({kSim, "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "centers[0].nodes[0].devices[0].model: \"Nonesuch 1\" is not in the catalog\n");
}

TEST(SimCli, PrintExpectedIsTheSumOfTheCatalogPeaks) {
  test::TempDir dir;
  auto path = dir.write("fleet.json", small_fleet("mqtt://127.0.0.1:1", ""));
  auto r = run_process({kSim, "--print-expected", "--config", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto expected = nlohmann::json::parse(r.out);

  auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok());
  auto peak = [&](const std::string& model) {
    DeviceIdentity id;
    id.name = model;
    auto match = catalog->find(id);
    EXPECT_TRUE(match.has_value()) << model;
    return match ? row_peaks(*match->row).tflops : PrecisionMap{};
  };
  std::map<std::string, PrecisionMap> centers;
  centers["sz-aicc"].add(peak("910B"), 2 * 8).add(peak("H800 SXM 80GB"), 1 * 4);
  centers["ks-aicc"].add(peak("A800 SXM4 80GB"), 3 * 8).add(peak("H20 96GB"), 3 * 2);
  // 2 packages of 56 cores x 2.0 GHz x 32 FP64 (64 FP32) per clock, on each of 3 nodes
  PrecisionMap xeon;
  xeon[Precision::fp64] = 56 * 2000.0 * 32 / 1e6;
  xeon[Precision::fp32] = 56 * 2000.0 * 64 / 1e6;
  centers["ks-aicc"].add(xeon, 3 * 2);
  PrecisionMap city;
  city.add(centers["sz-aicc"]).add(centers["ks-aicc"]);

  auto check = [](const nlohmann::json& got, const PrecisionMap& want, const std::string& what) {
    for (auto p : kAllPrecisions) {
      std::string key(to_string(p));
      ASSERT_EQ(got.contains(key), want[p].has_value()) << what << " " << key;
      if (want[p]) {
        EXPECT_NEAR(got.at(key).get<double>(), *want[p], 1e-6) << what << " " << key;
      }
    }
  };
  ASSERT_EQ(expected.at("centers").size(), 2u);
  for (const auto& c : expected.at("centers")) {
    auto id = c.at("id").get<std::string>();
    check(c.at("installed_tflops"), centers[id], id);
    EXPECT_EQ(c.at("nodes"), 3);
  }
  EXPECT_EQ(expected.at("centers")[0].at("district"), "相城区");
  check(expected.at("city").at("installed_tflops"), city, "city");
  EXPECT_EQ(expected.at("city").at("devices"), 2 * 8 + 4 + 3 * 12);
  EXPECT_GT(*city[Precision::fp16], 0.0);
}

TEST(SimFleet, PublishesRetainedBirthsAndExactlyTheNumberedWindowsThenGoesOffline) {
  test::MosquittoBroker broker;
  test::MqttSubscriber sub(broker, "suanli/v1/+/+/+");
  test::TempDir dir;
  constexpr std::uint64_t kWindows = 4;
  auto path = dir.write("fleet.json", small_fleet(broker.uri(), R"("stop_after_windows": 4,
      "rate": {"windows_per_s": 0},)"));
  auto r = run_process({kSim, "--config", path}, {}, 60s);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("suanli-sim: nodes 6, windows published 24, acknowledged 24, failed 0, "),
            std::string::npos)
      << r.err;

  // status online, birth, 4 windows and status offline per node
  auto received = sub.wait(kNodes * (3 + kWindows), 20s);
  auto by_kind = decode_all(received);
  EXPECT_EQ(by_kind[wire::Kind::birth].size(), kNodes);
  EXPECT_EQ(by_kind[wire::Kind::status].size(), 2 * kNodes);
  std::map<std::string, std::vector<std::uint64_t>> seqs;
  std::set<std::uint64_t> boots;
  std::uint64_t with_power = 0;
  std::uint64_t without_power = 0;
  for (const auto& m : by_kind[wire::Kind::data]) {
    const auto& h = header_of(m);
    seqs[h.center + "/" + h.node].push_back(h.seq);
    boots.insert(h.boot);
    EXPECT_EQ(std::get<wire::Data>(m).window.samples, 4u);
    for (const wire::DeviceWindow& d : std::get<wire::Data>(m).devices) {
      if (!d.power_w) {
        ++without_power;
        continue;
      }
      ++with_power;
      ASSERT_TRUE(d.power_limit_w) << d.id;
      EXPECT_GE(*d.power_w, 0.2 * *d.power_limit_w - 1e-9) << d.id;
      EXPECT_LE(*d.power_w, *d.power_limit_w + 1e-9) << d.id;
    }
  }
  // Every accelerator draws simulated power in every window (2 x 8 + 4 + 3 x 10 of them); the six
  // CPUs read none.
  EXPECT_EQ(with_power, (2 * 8 + 4 + 3 * 10) * kWindows);
  EXPECT_EQ(without_power, 6 * kWindows);
  EXPECT_EQ(seqs.size(), kNodes);
  for (const auto& [node, got] : seqs)
    EXPECT_EQ(got, (std::vector<std::uint64_t>{0, 1, 2, 3})) << node;
  EXPECT_EQ(boots.size(), 1u);

  auto births = retained_messages(broker, "suanli/v1/+/+/birth", 3s);
  EXPECT_EQ(decode_all(births)[wire::Kind::birth].size(), kNodes);
  auto statuses = decode_all(retained_messages(broker, "suanli/v1/+/+/status", 3s));
  ASSERT_EQ(statuses[wire::Kind::status].size(), kNodes);
  for (const auto& m : statuses[wire::Kind::status]) {
    EXPECT_FALSE(std::get<wire::Status>(m).online) << header_of(m).node;
    EXPECT_EQ(header_of(m).seq, kWindows) << header_of(m).node;
  }
}

// Paho refuses a publish while maxBufferedMessages (100 by default) wait for its send thread;
// an unpaced connection with more in flight lost births that way.
TEST(SimFleet, PahoBuffersEveryPublishInFlight) {
  config::FleetConfig cfg;
  cfg.max_in_flight = 2000;
  EXPECT_GE(fleet::paho_create_options(cfg).get_max_buffered_messages(), 2000);
}

// Every kind is counted, and the offline statuses of a large fleet are all acknowledged.
TEST(SimFleet, EveryBirthAndWindowIsAcknowledgedWithManyInFlight) {
  test::MosquittoBroker broker;
  test::MqttSubscriber sub(broker, "suanli/v1/+/+/birth");
  test::TempDir dir;
  constexpr std::size_t kMany = 3000;
  auto path = dir.write("fleet.json", R"({"mqtt": {"uri": ")" + broker.uri() + R"("},
    "nodes_per_connection": 3000, "connections": 1, "max_in_flight": 2000,
    "stop_after_windows": 1, "rate": {"windows_per_s": 0},
    "centers": [{"id": "many", "nodes": [{"prefix": "n", "count": 3000,
                                          "devices": [{"model": "910B", "count": 1}]}]}]})");
  auto r = run_process({kSim, "--config", path}, {}, 120s);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("windows published 3000, acknowledged 3000, failed 0, "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("births published 3000, acknowledged 3000, failed 0; statuses published "
                       "6000, acknowledged 6000, failed 0"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(sub.wait(kMany, 30s).size(), kMany);
}

TEST(SimFleet, SigtermPublishesStatusOfflineForEveryNode) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  auto path = dir.write("fleet.json", small_fleet(broker.uri(), ""));
  test::BackgroundProcess sim({kSim, "--config", path}, {}, dir.path() + "/out",
                              dir.path() + "/err");
  std::vector<test::ReceivedMessage> online;
  for (int i = 0; i < 40 && online.size() < kNodes; ++i) {
    online = retained_messages(broker, "suanli/v1/+/+/status", 500ms);
  }
  ASSERT_EQ(online.size(), kNodes);
  auto online_statuses = decode_all(online);
  for (const auto& m : online_statuses[wire::Kind::status])
    EXPECT_TRUE(std::get<wire::Status>(m).online);

  sim.signal(SIGTERM);
  ASSERT_EQ(sim.wait(20s), std::optional<int>(0));
  auto statuses = decode_all(retained_messages(broker, "suanli/v1/+/+/status", 3s));
  ASSERT_EQ(statuses[wire::Kind::status].size(), kNodes);
  for (const auto& m : statuses[wire::Kind::status])
    EXPECT_FALSE(std::get<wire::Status>(m).online) << header_of(m).node;
}

}  // namespace
}  // namespace suanli
