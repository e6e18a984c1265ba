// A real Mosquitto running the shipped packaging/mosquitto/suanli.conf and suanli.acl with
// certificates from the shipped scripts/pki.sh: a certificate speaks only for its own center.
// What the ACL denies is shown to reach no one with a marker: the denied messages go first, an
// allowed marker last, each publish acknowledged (QoS 1) before the next starts; the broker
// queues a message for its subscribers before it acknowledges it, so once the marker has
// arrived, anything published before it that was delivered would have arrived first.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/security/broker_etc.hpp"

namespace suanli::security_test {
namespace {

using namespace std::chrono_literals;
using test::holder_of;
using test::ReceivedMessage;

class SuanliBroker : public ::testing::Test {
 protected:
  test::ClientIdentity as(const std::string& cn) const { return holder_of(etc_.client(cn)); }

  // What `sub` received up to and including the marker `who` then publishes on `topic`.
  std::vector<ReceivedMessage> until_marker(test::MqttSubscriber& sub, const std::string& who,
                                            const std::string& topic) {
    const std::size_t before = sub.messages().size();
    EXPECT_TRUE(test::publish(broker_, topic, "marker", false, as(who))) << broker_.log();
    auto got = sub.wait(before + 1, 10s);
    EXPECT_FALSE(got.empty()) << "no marker: " << broker_.log();
    if (!got.empty()) {
      EXPECT_EQ(got.back().topic, topic);
      EXPECT_EQ(got.back().payload, "marker");
    }
    return got;
  }

  BrokerEtc etc_{{"c1", "c2", "_central"}};
  test::MosquittoBroker broker_{etc_.broker_options()};
};

std::vector<std::string> topics_of(const std::vector<ReceivedMessage>& messages) {
  std::vector<std::string> out;
  for (const ReceivedMessage& m : messages)
    out.push_back(m.topic);
  return out;
}

TEST_F(SuanliBroker, ACentersNodesPublishTheirFourKindsToCentral) {
  test::MqttSubscriber central(broker_, "suanli/v1/#", 311, test::Session::clean, as("_central"));
  for (const char* kind : {"status", "birth", "data", "hist"})
    ASSERT_TRUE(
        test::publish(broker_, std::string("suanli/v1/c1/n1/") + kind, kind, false, as("c1")));
  auto got = central.wait(4, 10s);
  EXPECT_EQ(topics_of(got),
            (std::vector<std::string>{"suanli/v1/c1/n1/status", "suanli/v1/c1/n1/birth",
                                      "suanli/v1/c1/n1/data", "suanli/v1/c1/n1/hist"}))
      << broker_.log();
}

TEST_F(SuanliBroker, ACenterCannotPublishForAnotherCenter) {
  test::MqttSubscriber central(broker_, "suanli/v1/#", 311, test::Session::clean, as("_central"));
  for (const char* kind : {"status", "birth", "data", "hist"})
    EXPECT_TRUE(
        test::publish(broker_, std::string("suanli/v1/c2/n1/") + kind, "forged", true, as("c1")));
  EXPECT_EQ(topics_of(until_marker(central, "c1", "suanli/v1/c1/n1/data")),
            std::vector<std::string>{"suanli/v1/c1/n1/data"});
  // Nor was anything retained for a later subscriber.
  test::MqttSubscriber later(broker_, "suanli/v1/c2/#", 311, test::Session::clean, as("_central"));
  EXPECT_EQ(topics_of(until_marker(later, "c2", "suanli/v1/c2/n1/data")),
            std::vector<std::string>{"suanli/v1/c2/n1/data"});
}

TEST_F(SuanliBroker, ACenterWritesNoCommandsNorCentralsTopics) {
  test::MqttSubscriber central(broker_, "suanli/v1/#", 311, test::Session::clean, as("_central"));
  for (const char* topic :
       {"suanli/v1/c1/n1/cmd", "suanli/v1/c2/n1/cmd", "suanli/v1/_city/indicator",
        "suanli/v1/_central/x/state", "suanli/v1/c1/n1/other"})
    EXPECT_TRUE(test::publish(broker_, topic, "forged", false, as("c1")));
  EXPECT_EQ(topics_of(until_marker(central, "c1", "suanli/v1/c1/n1/data")),
            std::vector<std::string>{"suanli/v1/c1/n1/data"});
}

TEST_F(SuanliBroker, ACenterReadsOnlyTheCommandsToItsOwnNodes) {
  test::MqttSubscriber c1(broker_, "suanli/v1/#", 311, test::Session::clean, as("c1"));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/c2/n1/data", "c2's", false, as("c2")));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/c2/n1/cmd", "to c2", false, as("_central")));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/_city/indicator", "city", true, as("_central")));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/c1/n1/birth", "own", false, as("c1")));
  EXPECT_EQ(topics_of(until_marker(c1, "_central", "suanli/v1/c1/n1/cmd")),
            std::vector<std::string>{"suanli/v1/c1/n1/cmd"});
}

TEST_F(SuanliBroker, CentralWritesCommandsItsStateAndTheIndicator) {
  test::MqttSubscriber central(broker_, "suanli/v1/_city/#", 311, test::Session::clean,
                               as("_central"));
  test::MqttSubscriber c2(broker_, "suanli/v1/c2/+/cmd", 311, test::Session::clean, as("c2"));
  test::MqttSubscriber instances(broker_, "suanli/v1/_central/#", 311, test::Session::clean,
                                 as("_central"));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/c2/n1/cmd", "rebirth", false, as("_central")));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/_central/i1/state", "on", true, as("_central")));
  ASSERT_TRUE(test::publish(broker_, "suanli/v1/_city/indicator", "{}", true, as("_central")));
  EXPECT_EQ(topics_of(c2.wait(1, 10s)), std::vector<std::string>{"suanli/v1/c2/n1/cmd"});
  EXPECT_EQ(topics_of(instances.wait(1, 10s)),
            std::vector<std::string>{"suanli/v1/_central/i1/state"});
  EXPECT_EQ(topics_of(central.wait(1, 10s)), std::vector<std::string>{"suanli/v1/_city/indicator"});
}

TEST_F(SuanliBroker, ASiteBridgeReportsItsStateOnlyUnderItsCentersName) {
  test::MqttSubscriber central(broker_, "$SYS/broker/connection/+/state", 311, test::Session::clean,
                               as("_central"));
  EXPECT_TRUE(test::publish(broker_, "$SYS/broker/connection/c2/state", "0", false, as("c1")));
  EXPECT_EQ(topics_of(until_marker(central, "c1", "$SYS/broker/connection/c1/state")),
            std::vector<std::string>{"$SYS/broker/connection/c1/state"});
}

TEST_F(SuanliBroker, NoCertificateOrOneFromAnotherCaIsRefusedAtConnect) {
  test::MqttSubscriber central(broker_, "suanli/v1/#", 311, test::Session::clean, as("_central"));
  test::TempDir elsewhere;
  ASSERT_EQ(run_pki({elsewhere.path(), "ca"}).exit_code, 0);
  ASSERT_EQ(run_pki({elsewhere.path(), "client", "c1"}).exit_code, 0);
  const test::CertPair foreign{elsewhere.path() + "/c1.crt", elsewhere.path() + "/c1.key"};

  EXPECT_FALSE(test::publish(broker_, "suanli/v1/c1/n1/data", "anonymous", false, {.tls = true}));
  EXPECT_FALSE(
      test::publish(broker_, "suanli/v1/c1/n1/data", "foreign", false, holder_of(foreign)));
  EXPECT_EQ(topics_of(until_marker(central, "c1", "suanli/v1/c1/n1/data")),
            std::vector<std::string>{"suanli/v1/c1/n1/data"});
  EXPECT_NE(broker_.log().find("certificate"), std::string::npos) << broker_.log();
}

}  // namespace
}  // namespace suanli::security_test
