#include <gtest/gtest.h>

#include <chrono>

#include "tests/mqtt/recorder.hpp"
#include "tests/support/mosquitto.hpp"
#include "uplink/mqtt/publisher.hpp"

namespace suanli::test {
namespace {

using namespace std::chrono_literals;
using mqtt::MqttPublisher;

TEST(MqttTls, ConnectsWithTheTestCa) {
  MosquittoBroker broker(BrokerOptions{.tls = true});
  auto s = settings_for(broker.tls_uri());
  s.mqtt.ca_file = broker.ca_file();
  Recorder rec;
  MqttPublisher pub(s, rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 1; })) << rec.all_errors();
  auto id = pub.publish(wire::Kind::data, "{}", false);
  ASSERT_TRUE(id) << id.error();
  EXPECT_TRUE(rec.wait_for([&] { return !rec.delivered.empty(); }));
}

TEST(MqttTls, MutualTlsWithClientCertificate) {
  MosquittoBroker broker(BrokerOptions{.tls = true, .require_certificate = true});
  auto s = settings_for(broker.tls_uri(), 3);
  s.mqtt.ca_file = broker.ca_file();
  s.mqtt.cert_file = broker.client_cert().cert;
  s.mqtt.key_file = broker.client_cert().key;
  Recorder rec;
  MqttPublisher pub(s, rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.connected == 1; })) << rec.all_errors();
}

TEST(MqttTls, MutualTlsWithoutClientCertificateFails) {
  MosquittoBroker broker(BrokerOptions{.tls = true, .require_certificate = true});
  auto s = settings_for(broker.tls_uri(), 3);
  s.mqtt.ca_file = broker.ca_file();
  Recorder rec;
  MqttPublisher pub(s, rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.errors.size() >= 2; })) << rec.all_errors();
  EXPECT_EQ(rec.connected, 0);
}

TEST(MqttTls, WrongCaFailsWithCertificateVerifyFailed) {
  MosquittoBroker broker(BrokerOptions{.tls = true});
  auto s = settings_for(broker.tls_uri());
  s.mqtt.ca_file = broker.wrong_ca_file();
  Recorder rec;
  MqttPublisher pub(s, rec.callbacks());
  ASSERT_TRUE(pub.start());
  ASSERT_TRUE(rec.wait_for([&] { return rec.has_error_locked("certificate verify failed"); }))
      << rec.all_errors();
  EXPECT_EQ(rec.connected, 0);
  EXPECT_FALSE(pub.connected());
}

}  // namespace
}  // namespace suanli::test
