// suanli-central with the _central certificate, agents with their centers' certificates, on a
// Mosquitto that runs the shipped packaging/mosquitto/suanli.conf and suanli.acl: the broker's
// ACL binds a certificate to its center's topics, and central, which rejects a payload whose
// center is not the topic's, thereby binds the payload too.
#include <gtest/gtest.h>

#include <csignal>
#include <memory>

#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/security/broker_etc.hpp"
#include "tests/service/agent_harness.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::security_test {
namespace {

using namespace std::chrono_literals;
using central_service_test::Central;
using central_service_test::kCenterA;
using central_service_test::kCenterB;
using central_service_test::PublisherCertificate;
using central_service_test::WirePublisher;
using nlohmann::json;
namespace fx = suanli::central::test;

std::string topic(const std::string& center, const std::string& node, const std::string& kind) {
  return "suanli/v1/" + center + "/" + node + "/" + kind;
}

// A birth of one accelerator that says it comes from center/node.
std::string birth(const std::string& center, const std::string& node) {
  return wire::encode(fx::birth(fx::header(center, node, 1, 0), {fx::accelerator("g0", 100)}));
}

class CentralOverMutualTls : public ::testing::Test {
 protected:
  void SetUp() override {
    json cfg = central_service_test::central_config(dir_, broker_.tls_uri());
    cfg["mqtt"]["tls"] = tls_of("_central");
    central_ = std::make_unique<Central>(dir_, cfg);
    ASSERT_TRUE(central_->ready()) << central_->err() << broker_.log();
  }

  // mqtt.tls of a program that holds the certificate of `cn`.
  json tls_of(const std::string& cn) const {
    test::CertPair cert = etc_.client(cn);
    return {{"ca_file", broker_.ca_file()}, {"cert_file", cert.cert}, {"key_file", cert.key}};
  }

  // A WirePublisher with the certificate of center `cn`, its Last Will on that center's topics.
  PublisherCertificate publisher_of(const std::string& cn) const {
    return {.cert = etc_.client(cn), .will_topic = topic(cn, "test-publisher", "status")};
  }

  BrokerEtc etc_{{kCenterA, kCenterB, "_central"}};
  test::MosquittoBroker broker_{etc_.broker_options()};
  test::TempDir dir_;
  std::unique_ptr<Central> central_;
};

TEST_F(CentralOverMutualTls, AnAgentWithItsCentersCertificateIsCountedAndItsLastWillArrives) {
  test::TempDir agent_dir;
  json cfg = service_test::base_config(agent_dir, broker_.tls_uri());
  cfg["mqtt"]["tls"] = tls_of(kCenterA);
  service_test::Agent agent(agent_dir, service_test::write_config(agent_dir, cfg));
  // Its birth (installed) and a window (live) counted.
  const json::json_pointer live_fp16("/all_classes/live_pflops/fp16");
  json indicator = central_->poll("/api/v1/indicator", [&](const json& d) {
    return d["counts"]["nodes"]["online"] == 1 && d.value(live_fp16, 0.0) > 0;
  });
  ASSERT_EQ(indicator["counts"]["nodes"]["online"], 1) << indicator.dump() << agent.err();
  EXPECT_GT(indicator.value(live_fp16, 0.0), 0) << indicator.dump();
  EXPECT_GT(indicator["headline"]["installed_pflops"].get<double>(), 0);

  // Killed, the agent sends nothing more: the broker sends its Last Will, on its status topic.
  agent.process.signal(SIGKILL);
  indicator = central_->poll("/api/v1/indicator",
                             [](const json& d) { return d["counts"]["nodes"]["offline"] == 1; });
  EXPECT_EQ(indicator["counts"]["nodes"]["offline"], 1) << indicator.dump();
}

TEST_F(CentralOverMutualTls, ACenterCannotSpeakForAnotherCenter) {
  WirePublisher forger(broker_, publisher_of(kCenterA));
  // The broker refuses another center's topic (MQTT 5: a PUBACK saying "Not authorized") ...
  EXPECT_FALSE(forger.publish(topic(kCenterB, "n1", "birth"), birth(kCenterB, "n1")));
  // ... and central another center's name on this center's topic.
  EXPECT_TRUE(forger.publish(topic(kCenterA, "n2", "birth"), birth(kCenterB, "n2")));
  // The marker: once central applied it, it has seen everything published before it.
  EXPECT_TRUE(forger.publish(topic(kCenterA, "n3", "birth"), birth(kCenterA, "n3")));

  json stats =
      central_->poll("/api/v1/stats", [](const json& s) { return s["outcomes"]["applied"] == 1; });
  ASSERT_EQ(stats["outcomes"]["applied"], 1) << stats.dump();
  EXPECT_EQ(stats["rejected_total"], 1) << stats.dump();
  EXPECT_EQ(stats["rejected"].value("topic_mismatch", 0u), 1u) << stats.dump();
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u) << nodes.dump();
  EXPECT_EQ(nodes["nodes"][0]["center"], kCenterA);
  EXPECT_EQ(nodes["nodes"][0]["node"], "n3");
}

TEST_F(CentralOverMutualTls, AnAgentWithAnotherCentersCertificateReachesNoOne) {
  test::TempDir agent_dir;
  json cfg = service_test::base_config(agent_dir, broker_.tls_uri());
  cfg["center"] = kCenterB;
  cfg["mqtt"]["tls"] = tls_of(kCenterA);
  service_test::Agent agent(agent_dir, service_test::write_config(agent_dir, cfg));
  // MQTT 5: the broker answers each publish "Not authorized", which the agent logs.
  ASSERT_TRUE(agent.logs("Not authorized", 20s)) << agent.err() << broker_.log();
  // Its Last Will, on a status topic it may not write either, is never sent.
  agent.process.signal(SIGKILL);
  ASSERT_TRUE(agent.process.wait(10s).has_value());

  WirePublisher marker(broker_, publisher_of(kCenterA));
  ASSERT_TRUE(marker.publish(topic(kCenterA, "n3", "birth"), birth(kCenterA, "n3")));
  json stats =
      central_->poll("/api/v1/stats", [](const json& s) { return s["outcomes"]["applied"] == 1; });
  ASSERT_EQ(stats["outcomes"]["applied"], 1) << stats.dump();
  EXPECT_EQ(stats["rejected_total"], 0) << stats.dump();
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u) << nodes.dump();
  EXPECT_EQ(nodes["nodes"][0]["node"], "n3");
}

}  // namespace
}  // namespace suanli::security_test
