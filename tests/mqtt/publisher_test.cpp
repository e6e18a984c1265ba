#include "uplink/mqtt/publisher.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "tests/mqtt/recorder.hpp"
#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/topic.hpp"

extern char** environ;

namespace suanli::test {
namespace {

using namespace std::chrono_literals;
using mqtt::MqttPublisher;
using wire::Kind;

const std::string kStatusTopic = "suanli/v1/sz-ai/gpu-01/status";
const std::string kOnline = R"({"online":true})";

bool contains(const std::vector<std::uint64_t>& v, std::uint64_t id) {
  return std::find(v.begin(), v.end(), id) != v.end();
}

class MqttPublisherVersions : public ::testing::TestWithParam<int> {};

TEST_P(MqttPublisherVersions, ConnectsPublishesRetainedAndReportsPuback) {
  MosquittoBroker broker;
  Recorder rec;
  MqttPublisher pub(settings_for(broker.uri(), GetParam()), rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 1; })) << rec.all_errors();
  EXPECT_TRUE(pub.connected());

  auto status = pub.publish(Kind::status, kOnline, true);
  ASSERT_TRUE(status) << status.error();
  auto data = pub.publish(Kind::data, R"({"kind":"data"})", false);
  ASSERT_TRUE(data) << data.error();
  EXPECT_NE(*status, *data);
  ASSERT_TRUE(rec.wait_for(
      [&] { return contains(rec.delivered, *status) && contains(rec.delivered, *data); }));

  auto retained = retained_messages(broker, "suanli/v1/#", 1s);
  ASSERT_EQ(retained.size(), 1u);
  EXPECT_EQ(retained[0].topic, kStatusTopic);
  EXPECT_EQ(retained[0].payload, kOnline);
  EXPECT_TRUE(retained[0].retained);

  // A clean stop sends DISCONNECT: no Last Will, the retained status stays as published.
  pub.stop(2s);
  EXPECT_FALSE(pub.connected());
  retained = retained_messages(broker, kStatusTopic, 1s);
  ASSERT_EQ(retained.size(), 1u);
  EXPECT_EQ(retained[0].payload, kOnline);
}

INSTANTIATE_TEST_SUITE_P(Mqtt, MqttPublisherVersions, ::testing::Values(3, 5),
                         [](const auto& info) { return "v" + std::to_string(info.param); });

TEST(MqttPublisher, PublishWhileNotConnectedFails) {
  MosquittoBroker broker;
  broker.stop();
  Recorder rec;
  MqttPublisher pub(settings_for(broker.uri()), rec.callbacks());
  auto r = pub.publish(Kind::data, "{}", false);
  EXPECT_FALSE(r);
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return !rec.errors.empty(); })) << "no connect error";
  EXPECT_FALSE(pub.publish(Kind::data, "{}", false));
}

TEST(MqttPublisher, ReceivesCommands) {
  MosquittoBroker broker;
  Recorder rec;
  MqttPublisher pub(settings_for(broker.uri()), rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 1; })) << rec.all_errors();
  // The SUBACK may lag on_connected: publish until one arrives (bounded).
  const std::string cmd = R"({"cmd":"rebirth"})";
  bool got = false;
  for (int i = 0; i < 20 && !got; ++i) {
    ASSERT_TRUE(publish(broker, "suanli/v1/sz-ai/gpu-01/cmd", cmd));
    got = rec.wait_for([&] { return !rec.commands.empty(); }, 200ms);
  }
  ASSERT_TRUE(got);
  std::lock_guard lk(rec.mu);
  EXPECT_EQ(rec.commands.front(), cmd);
}

TEST(MqttPublisher, ReconnectsAfterBrokerRestart) {
  MosquittoBroker broker;
  Recorder rec;
  MqttPublisher pub(settings_for(broker.uri()), rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 1; })) << rec.all_errors();

  broker.stop();
  ASSERT_TRUE(rec.wait_for([&] { return rec.lost == 1; }));
  EXPECT_FALSE(pub.connected());
  auto down = pub.publish(Kind::data, "{}", false);
  EXPECT_FALSE(down);
  std::this_thread::sleep_for(500ms);  // a few failed attempts with backoff

  broker.start();
  ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 2; }, 15s)) << rec.all_errors();
  auto up = pub.publish(Kind::data, "{}", false);
  ASSERT_TRUE(up) << up.error();
  EXPECT_TRUE(rec.wait_for([&] { return contains(rec.delivered, *up); }));
}

TEST(MqttPublisher, PasswordFromFile) {
  MosquittoBroker broker(BrokerOptions{.username = "agent", .password = "s3cret pw"});
  TempDir dir;
  {
    auto s = settings_for(broker.uri(), 3);
    s.mqtt.username = "agent";
    s.mqtt.password_file = dir.write("pw", "s3cret pw\n");  // the trailing newline is trimmed
    Recorder rec;
    MqttPublisher pub(s, rec.callbacks());
    ASSERT_TRUE(pub.start());
    ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 1; })) << rec.all_errors();
  }
  {
    auto s = settings_for(broker.uri(), 3);
    s.mqtt.username = "agent";
    s.mqtt.password_file = dir.write("bad", "wrong\n");
    Recorder rec;
    MqttPublisher pub(s, rec.callbacks());
    ASSERT_TRUE(pub.start());
    ASSERT_TRUE(rec.wait_for([&] { return !rec.errors.empty(); }));
    EXPECT_EQ(rec.connected, 0);
  }
  auto s = settings_for(broker.uri(), 3);
  s.mqtt.password_file = dir.path() + "/missing";
  MqttPublisher pub(s, {});
  auto r = pub.start();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("mqtt.password_file"), std::string::npos) << r.error();
}

TEST(MqttPublisher, LastWillAfterKill9) {
  MosquittoBroker broker;
  MqttSubscriber sub(broker, kStatusTopic);
  std::vector<std::string> args =
      with_emulator({SUANLI_MQTT_WILL_HELPER, broker.uri(), "sz-ai", "gpu-01"});
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
  auto online = sub.wait(1, 10s);
  bool reaped = false;
  if (online.empty()) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    FAIL() << "helper never published online\n" << broker.log();
  }
  EXPECT_EQ(online[0].payload, kOnline);
  kill(pid, SIGKILL);
  int status = 0;
  reaped = waitpid(pid, &status, 0) == pid;
  EXPECT_TRUE(reaped);

  auto got = sub.wait(2, 10s);
  ASSERT_EQ(got.size(), 2u) << broker.log();
  EXPECT_EQ(got[1].payload, R"({"online":false})");
  auto retained = retained_messages(broker, kStatusTopic, 1s);
  ASSERT_EQ(retained.size(), 1u);
  EXPECT_EQ(retained[0].payload, R"({"online":false})");
  EXPECT_TRUE(retained[0].retained);
}

}  // namespace
}  // namespace suanli::test
