#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/mosquitto.hpp"

namespace suanli::test {
namespace {

using namespace std::chrono_literals;

TEST(MqttBroker, PublishSubscribeAndRetained) {
  MosquittoBroker broker;
  EXPECT_GT(broker.port(), 0);
  EXPECT_EQ(broker.uri(), "mqtt://127.0.0.1:" + std::to_string(broker.port()));
  MqttSubscriber sub(broker, "t/#");
  ASSERT_TRUE(publish(broker, "t/a", "hello world"));
  auto got = sub.wait(1, 5s);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].topic, "t/a");
  EXPECT_EQ(got[0].payload, "hello world");
  EXPECT_FALSE(got[0].retained);

  ASSERT_TRUE(publish(broker, "t/r", R"({"online":true})", true));
  auto retained = retained_messages(broker, "t/#", 1s);
  ASSERT_EQ(retained.size(), 1u);
  EXPECT_EQ(retained[0].topic, "t/r");
  EXPECT_EQ(retained[0].payload, R"({"online":true})");
  EXPECT_TRUE(retained[0].retained);
}

TEST(MqttBroker, StopAndRestartOnTheSamePort) {
  MosquittoBroker broker;
  int port = broker.port();
  broker.stop();
  EXPECT_FALSE(broker.running());
  EXPECT_FALSE(publish(broker, "t/a", "down"));
  broker.start();
  EXPECT_TRUE(broker.running());
  EXPECT_EQ(broker.port(), port);
  EXPECT_TRUE(publish(broker, "t/a", "up again"));
}

TEST(MqttBroker, TlsListenerWithTestPki) {
  MosquittoBroker broker(BrokerOptions{.tls = true});
  EXPECT_GT(broker.tls_port(), 0);
  EXPECT_NE(broker.tls_port(), broker.port());
  EXPECT_EQ(broker.tls_uri(), "mqtts://127.0.0.1:" + std::to_string(broker.tls_port()));
  EXPECT_FALSE(broker.ca_file().empty());
  EXPECT_FALSE(broker.client_cert().cert.empty());
  EXPECT_NE(broker.wrong_ca_file(), broker.ca_file());
  auto r = run_process(
      {"/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(broker.tls_port()),
       "--cafile", broker.ca_file(), "-q", "1", "-t", "t/tls", "-m", "x"},
      {}, 10s);
  EXPECT_EQ(r.exit_code, 0) << r.err << broker.log();
}

}  // namespace
}  // namespace suanli::test
