// MqttClient's sessions against a real Mosquitto: a persistent one (central's) keeps what is
// published while the client is away, through a broker restart too; a clean one (the agent's)
// does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/mosquitto.hpp"
#include "uplink/mqtt/client.hpp"

namespace suanli::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kProbe = "probe";
constexpr const char* kWhileAway = "while away";

// What one client received.
struct Inbox {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> payloads;

  mqtt::ClientCallbacks callbacks() {
    mqtt::ClientCallbacks cb;
    cb.on_message = [this](const std::string&, const std::string& payload) {
      std::lock_guard lk(mu);
      payloads.push_back(payload);
      cv.notify_all();
    };
    return cb;
  }

  bool has(const std::string& payload) {
    std::lock_guard lk(mu);
    return std::ranges::find(payloads, payload) != payloads.end();
  }

  bool wait_for(const std::string& payload, std::chrono::milliseconds limit) {
    std::unique_lock lk(mu);
    return cv.wait_for(lk, limit,
                       [&] { return std::ranges::find(payloads, payload) != payloads.end(); });
  }
};

mqtt::ClientSettings session_settings(const MosquittoBroker& broker, int version,
                                      std::uint32_t session_expiry_s) {
  mqtt::ClientSettings s;
  s.mqtt.uri = broker.uri();
  s.mqtt.version = version;
  s.mqtt.reconnect_min_ms = 100;
  s.mqtt.reconnect_max_ms = 400;
  s.mqtt.session_expiry_s = session_expiry_s;
  s.client_id = "suanli-test-session-" + std::to_string(broker.port());
  s.will = {"session/will", "gone"};
  s.subscriptions = {"session/#"};
  return s;
}

// Started, and subscribed: a probe published after the start has come back (bounded).
std::unique_ptr<mqtt::MqttClient> subscribed(const MosquittoBroker& broker,
                                             const mqtt::ClientSettings& settings, Inbox& inbox) {
  auto client = std::make_unique<mqtt::MqttClient>(settings, inbox.callbacks());
  if (!client->start()) return nullptr;
  for (int i = 0; i < 50; ++i) {
    publish(broker, "session/probe", kProbe);
    if (inbox.wait_for(kProbe, 200ms)) return client;
  }
  return nullptr;
}

// A client with `settings` subscribes and leaves (a clean disconnect), then kWhileAway is
// published; false when the client did not subscribe or the broker refused the message.
bool leave_then_publish(const MosquittoBroker& broker, const mqtt::ClientSettings& settings) {
  Inbox inbox;
  auto client = subscribed(broker, settings, inbox);
  if (!client) return false;
  client->stop(2s);
  return publish(broker, "session/away", kWhileAway);
}

class MqttSession : public ::testing::TestWithParam<int> {};

TEST_P(MqttSession, APersistentSessionKeepsWhatIsPublishedWhileAwayThroughABrokerRestart) {
  MosquittoBroker broker({.persistence = true});
  const auto settings = session_settings(broker, GetParam(), 3600);
  ASSERT_TRUE(leave_then_publish(broker, settings)) << broker.log();
  broker.stop();  // saves the session and the message queued for it
  broker.start();

  Inbox second;
  mqtt::MqttClient client(settings, second.callbacks());
  ASSERT_TRUE(client.start());
  EXPECT_TRUE(second.wait_for(kWhileAway, 10s)) << broker.log();
}

TEST_P(MqttSession, ACleanSessionForgetsWhatIsPublishedWhileAway) {
  MosquittoBroker broker;
  const auto settings = session_settings(broker, GetParam(), 0);
  ASSERT_TRUE(leave_then_publish(broker, settings)) << broker.log();

  Inbox second;
  auto client = subscribed(broker, settings, second);
  ASSERT_NE(client, nullptr) << broker.log();
  // A message kept for the session would have come before the probe.
  EXPECT_FALSE(second.has(kWhileAway));
}

INSTANTIATE_TEST_SUITE_P(Versions, MqttSession, ::testing::Values(3, 5),
                         [](const auto& info) { return "v" + std::to_string(info.param); });

}  // namespace
}  // namespace suanli::test
