#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/process.hpp"
#include "uplink/mqtt/backoff.hpp"
#include "uplink/mqtt/connect_options.hpp"

namespace suanli::test {
namespace {

using namespace std::chrono_literals;

TEST(MqttOptions, UriSchemes) {
  EXPECT_EQ(mqtt::paho_uri("mqtt://127.0.0.1:1883"), "tcp://127.0.0.1:1883");
  EXPECT_EQ(mqtt::paho_uri("mqtts://broker.example:8883"), "ssl://broker.example:8883");
  EXPECT_TRUE(mqtt::is_tls_uri("mqtts://h:1"));
  EXPECT_FALSE(mqtt::is_tls_uri("mqtt://h:1"));
}

TEST(MqttOptions, PasswordFileTrimsTrailingNewline) {
  TempDir dir;
  auto ok = mqtt::read_password_file(dir.write("pw", "a b c\r\n"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "a b c");
  auto missing = mqtt::read_password_file(dir.path() + "/none");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("mqtt.password_file"), std::string::npos);
}

TEST(MqttOptions, MissingCaFileIsAConfigError) {
  config::MqttConfig cfg;
  cfg.uri = "mqtts://127.0.0.1:8883";
  cfg.ca_file = "/nonexistent/ca.crt";
  auto r = mqtt::make_connect_options(cfg, {"t", "p"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().find("mqtt.ca_file"), std::string::npos) << r.error();
}

TEST(MqttOptions, CleanSessionUnlessASessionExpiryIsSet) {
  config::MqttConfig cfg;
  cfg.uri = "mqtt://127.0.0.1:1883";
  for (int version : {3, 5}) {
    cfg.version = version;
    auto clean = mqtt::make_connect_options(cfg, {"t", "p"});
    ASSERT_TRUE(clean) << clean.error();
    EXPECT_TRUE(version == 5 ? clean->is_clean_start() : clean->is_clean_session());
    EXPECT_FALSE(clean->get_properties().contains(::mqtt::property::SESSION_EXPIRY_INTERVAL));
  }

  cfg.session_expiry_s = 86400;
  cfg.version = 3;
  auto v3 = mqtt::make_connect_options(cfg, {"t", "p"});
  ASSERT_TRUE(v3) << v3.error();
  EXPECT_FALSE(v3->is_clean_session());

  cfg.version = 5;
  auto v5 = mqtt::make_connect_options(cfg, {"t", "p"});
  ASSERT_TRUE(v5) << v5.error();
  EXPECT_FALSE(v5->is_clean_start());
  EXPECT_FALSE(v5->is_clean_session()) << "MQTT 5 refuses clean_session";
  EXPECT_EQ(
      ::mqtt::get<std::uint32_t>(v5->get_properties(), ::mqtt::property::SESSION_EXPIRY_INTERVAL),
      86400u);
}

TEST(MqttOptions, BackoffGrowsWithJitterWithinBounds) {
  mqtt::Backoff b(100ms, 1000ms);
  std::chrono::milliseconds expected_max = 100ms;
  for (int i = 0; i < 10; ++i) {
    auto d = b.next();
    EXPECT_GE(d, expected_max / 2);
    EXPECT_LE(d, expected_max);
    expected_max = std::min<std::chrono::milliseconds>(expected_max * 2, 1000ms);
  }
  b.reset();
  EXPECT_LE(b.next(), 100ms);
}

}  // namespace
}  // namespace suanli::test
