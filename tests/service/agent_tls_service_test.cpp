// suanli-agent over mqtts:// against a Mosquitto TLS listener whose CA, server certificate
// (subjectAltName IP:127.0.0.1) and client certificate the test made with openssl.
#include <gtest/gtest.h>

#include <thread>

#include "tests/service/agent_harness.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

struct ClientTls {
  std::string ca_file;
  std::optional<test::CertPair> client = std::nullopt;
};

std::string tls_config(const test::TempDir& dir, const test::MosquittoBroker& broker,
                       const ClientTls& tls) {
  auto cfg = base_config(dir, broker.tls_uri());
  cfg["mqtt"]["tls"] = {{"ca_file", tls.ca_file}};
  if (tls.client) {
    cfg["mqtt"]["tls"]["cert_file"] = tls.client->cert;
    cfg["mqtt"]["tls"]["key_file"] = tls.client->key;
  }
  return write_config(dir, cfg);
}

// The broker kept nothing from this agent: no retained status or birth, no message seen by
// `sub` (subscribed to all of the node's topics before the agent started).
void expect_nothing_published(const test::MosquittoBroker& broker, const test::MqttSubscriber& sub,
                              const Agent& agent) {
  EXPECT_FALSE(retained(broker, "status").has_value()) << agent.err();
  EXPECT_FALSE(retained(broker, "birth").has_value());
  EXPECT_TRUE(sub.messages().empty()) << sub.messages().front().topic;
}

TEST(ServiceAgentTls, MqttsWithTheTestCaPublishesStatusAndBirth) {
  test::MosquittoBroker broker({.tls = true});
  test::TempDir dir;
  Agent agent(dir, tls_config(dir, broker, {.ca_file = broker.ca_file()}));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  auto birth = retained(broker, "birth");
  ASSERT_TRUE(birth.has_value());
  EXPECT_EQ(birth->at("devices").size(), 2u);
  EXPECT_TRUE(agent.terminate()) << agent.err();
  EXPECT_TRUE(status_becomes(broker, false));
}

TEST(ServiceAgentTls, MutualTlsWithTheClientCertificatePublishes) {
  test::MosquittoBroker broker({.tls = true, .require_certificate = true});
  test::TempDir dir;
  Agent agent(
      dir, tls_config(dir, broker, {.ca_file = broker.ca_file(), .client = broker.client_cert()}));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  EXPECT_TRUE(retained(broker, "birth").has_value());
  EXPECT_TRUE(agent.terminate()) << agent.err();
}

TEST(ServiceAgentTls, MutualTlsWithoutAClientCertificateDoesNotConnect) {
  test::MosquittoBroker broker({.tls = true, .require_certificate = true});
  test::TempDir dir;
  test::MqttSubscriber sub(broker, kTopics + std::string("#"));
  Agent agent(dir, tls_config(dir, broker, {.ca_file = broker.ca_file()}));
  // Two failed attempts: the agent keeps trying and never gets in.
  ASSERT_TRUE(wait_until(
      [&] {
        std::string err = agent.err();
        auto first = err.find("connect to " + broker.tls_uri() + " failed");
        return first != std::string::npos && err.find("connect to " + broker.tls_uri() + " failed",
                                                      first + 1) != std::string::npos;
      },
      20s))
      << agent.err();
  expect_nothing_published(broker, sub, agent);
  EXPECT_TRUE(agent.terminate()) << agent.err();
}

TEST(ServiceAgentTls, AWrongCaPublishesNothingAndLogsTheCertificateProblem) {
  test::MosquittoBroker broker({.tls = true});
  test::TempDir dir;
  test::MqttSubscriber sub(broker, kTopics + std::string("#"));
  Agent agent(dir, tls_config(dir, broker, {.ca_file = broker.wrong_ca_file()}));
  ASSERT_TRUE(agent.logs("mqtt: TLS: certificate verify failed", 20s)) << agent.err();
  expect_nothing_published(broker, sub, agent);
  EXPECT_TRUE(agent.terminate()) << agent.err();
}

}  // namespace
}  // namespace suanli::service_test
