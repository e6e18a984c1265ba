// Central's threads and bounded ingest queue against a real Mosquitto: the HTTP API answers while
// the ingest thread is held and the queue is full, and then every message is applied; a SIGTERM
// with a full queue applies what the queue held before the last flush, and the broker keeps the
// rest for the next start; the retained indicator follows a change.

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <memory>
#include <string>

#include "central/store/store.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fx = suanli::central::test;

constexpr std::size_t kQueueMessages = 8;
constexpr std::uint64_t kWindows = 40;  // after one birth: far more than the queue holds
constexpr const char* kHoldEnv = "SUANLI_TEST_INGEST_HOLD_FILE";

std::string topic_of(const std::string& kind) {
  return std::string("suanli/v1/") + kCenterA + "/n1/" + kind;
}

const std::vector<wire::Device>& devices() {
  static const std::vector<wire::Device> d = {fx::accelerator("g0", 100)};
  return d;
}

// n1's birth and windows 1..kWindows, each acknowledged by the broker.
void publish_birth_and_windows(const test::MosquittoBroker& broker) {
  WirePublisher publisher(broker);
  ASSERT_TRUE(publisher.publish(
      topic_of("birth"), wire::encode(fx::birth(fx::header(kCenterA, "n1", 1, 0), devices()))));
  for (std::uint64_t seq = 1; seq <= kWindows; ++seq) {
    ASSERT_TRUE(publisher.publish(
        topic_of("data"), wire::encode(fx::data(fx::header(kCenterA, "n1", 1, seq), devices()))));
  }
}

bool queue_full(const json& stats) {
  return stats.contains("ingest") && stats["ingest"]["queue"] == kQueueMessages;
}

// n1 at central with its last window and none missing.
bool n1_complete(const json& nodes) {
  for (const json& n : nodes.value("nodes", json::array())) {
    if (n.value("node", "") == "n1")
      return n["last_seq"] == kWindows && n["unreceived_windows"] == 0;
  }
  return false;
}

class Backpressure : public ::testing::Test {
 protected:
  Backpressure() {
    config_["ingest"] = {{"queue_messages", kQueueMessages}};
    hold_ = dir_.write("hold", "");
  }
  std::unique_ptr<Central> start(const std::string& name, bool held) {
    config_["http"]["listen"] = "127.0.0.1:" + std::to_string(test::free_port());
    std::vector<std::string> env;
    if (held) env.push_back(std::string(kHoldEnv) + "=" + hold_);
    return std::make_unique<Central>(dir_, config_, name, "", env);
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  json config_ = central_config(dir_, broker_.uri());
  std::string hold_;
};

TEST_F(Backpressure, TheApiAnswersWhileTheQueueIsFullThenEveryMessageIsApplied) {
  auto central = start("central", true);
  ASSERT_TRUE(central->ready()) << central->err();
  publish_birth_and_windows(broker_);
  json stats = central->poll("/api/v1/stats", queue_full);
  ASSERT_TRUE(queue_full(stats)) << stats.dump() << central->err();
  EXPECT_EQ(stats["ingest"]["queue_capacity"], kQueueMessages);
  EXPECT_EQ(stats["ingest"]["messages_total"], 0);
  EXPECT_EQ(stats["outcomes"]["applied"], 0);

  // The queue is at capacity and the ingest thread held: the API still answers.
  EXPECT_EQ(central->get("/healthz").status, 200);
  EXPECT_EQ(central->get("/api/v1/indicator").status, 200);
  auto again = central->get_json("/api/v1/stats");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ((*again)["ingest"]["queue"], kQueueMessages);

  std::filesystem::remove(hold_);
  stats = central->poll("/api/v1/stats",
                        [](const json& s) { return s["outcomes"]["applied"] == kWindows + 1; });
  EXPECT_EQ(stats["outcomes"]["applied"], kWindows + 1) << stats.dump();
  EXPECT_EQ(stats["rejected_total"], 0) << stats.dump();
  EXPECT_EQ(stats["ingest"]["queue_high_water"], kQueueMessages) << stats.dump();
  EXPECT_GE(stats["ingest"]["messages_total"].get<std::uint64_t>(), kWindows + 1);
  json nodes = central->poll("/api/v1/nodes", n1_complete);
  EXPECT_TRUE(n1_complete(nodes)) << nodes.dump();
}

TEST_F(Backpressure, SigtermWithAFullQueueAppliesItBeforeTheLastFlushAndLosesNothing) {
  auto central = start("first", true);
  ASSERT_TRUE(central->ready()) << central->err();
  publish_birth_and_windows(broker_);
  json stats = central->poll("/api/v1/stats", queue_full);
  ASSERT_TRUE(queue_full(stats)) << stats.dump() << central->err();
  central->process.signal(SIGTERM);  // the hold file is still there
  ASSERT_TRUE(central->process.wait(20s).has_value()) << central->err();
  central.reset();

  // The birth and the windows the queue held were stored by the last flush (the queue also held
  // central's own retained state message).
  auto store = store::Store::open(dir_.path() + "/central.db");
  ASSERT_TRUE(store) << store.error();
  auto states = store->node_states();
  ASSERT_TRUE(states) << states.error();
  ASSERT_EQ(states->size(), 1u);
  EXPECT_GE((*states)[0].highest_seq, kQueueMessages - 2);

  // The broker kept the rest for central's session: none is missing after the restart.
  auto second = start("second", false);
  ASSERT_TRUE(second->ready()) << second->err();
  json nodes = second->poll("/api/v1/nodes", n1_complete);
  EXPECT_TRUE(n1_complete(nodes)) << nodes.dump() << second->err();
}

TEST_F(Backpressure, TheRetainedIndicatorFollowsAChange) {
  config_["indicator"] = {{"publish_min_interval_ms", 10}};
  auto central = start("central", false);
  ASSERT_TRUE(central->ready()) << central->err();
  test::MqttSubscriber sub(broker_, "suanli/v1/_city/indicator");
  WirePublisher publisher(broker_);
  ASSERT_TRUE(publisher.publish(
      topic_of("birth"), wire::encode(fx::birth(fx::header(kCenterA, "n1", 1, 0), devices()))));
  auto with_n1 = [](const test::ReceivedMessage& m) {
    json doc = json::parse(m.payload, nullptr, false);
    return doc.is_object() && doc["headline"]["installed_pflops"].is_number() &&
           doc["headline"]["installed_pflops"].get<double>() > 0;
  };
  ASSERT_TRUE(
      service_test::wait_until([&] { return std::ranges::any_of(sub.messages(), with_n1); }, 30s))
      << central->err();
  json stats = central->get_json("/api/v1/stats").value();
  EXPECT_GE(stats["indicator_publishes_total"].get<std::uint64_t>(), 1u) << stats.dump();
}

}  // namespace
}  // namespace suanli::central_service_test
