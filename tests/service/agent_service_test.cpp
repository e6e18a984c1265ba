#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"

namespace suanli {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kAgent = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";
const std::string kTopics = "suanli/v1/sz-aicc/sim-01/";

// A simulated node with two H100s, one window a second, publishing to `broker`.
std::string write_config(const test::TempDir& dir, const test::MosquittoBroker& broker) {
  json cfg = {
      {"center", "sz-aicc"},
      {"node", "sim-01"},
      {"state_dir", dir.path() + "/state"},
      {"sample_interval_ms", 200},
      {"publish_interval_ms", 1000},
      {"mqtt", {{"uri", broker.uri()}, {"reconnect_min_ms", 200}, {"reconnect_max_ms", 1000}}},
      {"spool", {{"replay_per_s", 50}}},
      {"collectors",
       {{"cpu", {{"enabled", false}}},
        {"nvml", {{"enabled", false}}},
        {"amd", {{"enabled", false}}},
        {"ascend", {{"enabled", false}}},
        {"sim", {{"enabled", true}, {"devices", {{{"model", "H100 SXM5 80GB"}, {"count", 2}}}}}}}}};
  return dir.write("agent.json", cfg.dump());
}

struct Agent {
  Agent(const test::TempDir& dir, const std::string& config)
      : process({kAgent, "--config", config}, {}, dir.path() + "/agent.out",
                dir.path() + "/agent.err") {}
  test::BackgroundProcess process;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::optional<json> retained(const test::MosquittoBroker& broker, const std::string& kind) {
  auto found = test::retained_messages(broker, kTopics + kind, 2s);
  if (found.empty()) return std::nullopt;
  return json::parse(found.back().payload);
}

// Waits (bounded) until the retained status says `online`.
bool status_becomes(const test::MosquittoBroker& broker, bool online) {
  for (int i = 0; i < 50; ++i) {
    auto status = retained(broker, "status");
    if (status && status->at("online") == online) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

std::set<std::uint64_t> seqs(const std::vector<test::ReceivedMessage>& messages,
                             const std::string& kind, std::uint64_t boot) {
  std::set<std::uint64_t> out;
  for (const auto& m : messages) {
    if (m.topic != kTopics + kind) continue;
    auto doc = json::parse(m.payload);
    if (doc.at("boot") == boot) out.insert(doc.at("seq").get<std::uint64_t>());
  }
  return out;
}

TEST(ServiceAgent, RetainedStatusAndBirthThenOfflineAtSigterm) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::MqttSubscriber data(broker, kTopics + "data");
  Agent agent(dir, write_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << read_file(dir.path() + "/agent.err");
  auto birth = retained(broker, "birth");
  ASSERT_TRUE(birth.has_value());
  EXPECT_EQ(birth->at("devices").size(), 2u);
  EXPECT_DOUBLE_EQ(birth->at("totals").at("peak_tflops").at("fp16").get<double>(), 2 * 989.4);
  data.wait(2, 10s);
  agent.process.signal(SIGTERM);
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(0));
  EXPECT_TRUE(status_becomes(broker, false));
  auto windows = data.wait(3, 3s);
  std::uint64_t boot = birth->at("boot");
  auto got = seqs(windows, "data", boot);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(*got.begin(), 0u);
  EXPECT_EQ(*got.rbegin() + 1, got.size()) << "every window of the boot, from 0, without a gap";
}

TEST(ServiceAgent, KillNineLeavesTheLastWill) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  Agent agent(dir, write_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << read_file(dir.path() + "/agent.err");
  agent.process.signal(SIGKILL);
  agent.process.wait(5s);
  EXPECT_TRUE(status_becomes(broker, false)) << "the broker publishes the retained Last Will";
}

TEST(ServiceAgent, BootRisesByOneAcrossAKillNine) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  std::string config = write_config(dir, broker);
  std::uint64_t first_boot = 0;
  {
    Agent agent(dir, config);
    ASSERT_TRUE(status_becomes(broker, true));
    first_boot = retained(broker, "birth")->at("boot");
    agent.process.signal(SIGKILL);
    agent.process.wait(5s);
  }
  Agent again(dir, config);
  std::uint64_t second_boot = 0;
  for (int i = 0; i < 50 && second_boot != first_boot + 1; ++i) {
    auto birth = retained(broker, "birth");
    if (birth) second_boot = birth->at("boot");
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(second_boot, first_boot + 1);
  again.process.signal(SIGTERM);
  EXPECT_EQ(again.process.wait(10s), std::optional<int>(0));
}

TEST(ServiceAgent, ABrokerOutageLosesNoWindowAndTheBacklogComesOnHist) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  // Subscribed before the agent starts, so that it sees every live window from seq 0.
  auto first = std::make_unique<test::MqttSubscriber>(broker, kTopics + "#");
  Agent agent(dir, write_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << read_file(dir.path() + "/agent.err");
  std::uint64_t boot = retained(broker, "birth")->at("boot");
  auto before = first->wait(4, 15s);  // status and birth, then two windows
  broker.stop();                      // the subscriber loses its connection too
  first.reset();
  std::this_thread::sleep_for(6s);  // about six windows go to the spool only
  broker.start();
  test::MqttSubscriber after(broker, kTopics + "#");
  auto received = after.wait(20, 20s);
  agent.process.signal(SIGTERM);
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(0)) << read_file(dir.path() + "/agent.err");
  received = after.wait(received.size() + 2, 3s);  // everything it got, the last windows too
  received.insert(received.end(), before.begin(), before.end());

  auto live = seqs(received, "data", boot);
  auto hist = seqs(received, "hist", boot);
  EXPECT_FALSE(hist.empty()) << "the outage's windows are replayed on hist";
  std::set<std::uint64_t> all = live;
  all.insert(hist.begin(), hist.end());
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(*all.begin(), 0u);
  for (std::uint64_t s = 0; s <= *all.rbegin(); ++s) {
    EXPECT_TRUE(all.contains(s)) << "seq " << s << " of boot " << boot << " never arrived";
  }
  std::vector<std::uint64_t> hist_order;
  for (const auto& m : received) {
    if (m.topic == kTopics + "hist") hist_order.push_back(json::parse(m.payload).at("seq"));
  }
  EXPECT_TRUE(std::is_sorted(hist_order.begin(), hist_order.end())) << "hist is oldest first";
}

}  // namespace
}  // namespace suanli

namespace suanli {
namespace {

TEST(ServiceAgent, RebirthRepublishesTheBirthWithTheNextSeq) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  Agent agent(dir, write_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << read_file(dir.path() + "/agent.err");
  test::MqttSubscriber births(broker, kTopics + "birth");
  ASSERT_EQ(births.wait(1, 5s).size(), 1u);  // the retained one
  std::this_thread::sleep_for(2500ms);       // two windows or so
  json cmd = {{"v", 1},           {"kind", "cmd"}, {"center", "sz-aicc"},
              {"node", "sim-01"}, {"ts_ms", 1},    {"cmd", "rebirth"}};
  ASSERT_TRUE(test::publish(broker, kTopics + "cmd", cmd.dump()));
  auto got = births.wait(2, 5s);
  ASSERT_EQ(got.size(), 2u) << read_file(dir.path() + "/agent.err");
  auto rebirth = json::parse(got[1].payload);
  EXPECT_GE(rebirth.at("seq").get<std::uint64_t>(), 1u) << "the seq of the next data window";
  agent.process.signal(SIGTERM);
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(0));
}

}  // namespace
}  // namespace suanli
