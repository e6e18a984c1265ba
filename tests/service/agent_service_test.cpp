// suanli-agent's life as a service: retained status and birth, Last Will, boot, rebirth.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/service/agent_harness.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::string plain_config(const test::TempDir& dir, const test::MosquittoBroker& broker) {
  return write_config(dir, base_config(dir, broker.uri()));
}

// Sends the agent of plain_config a rebirth command; true when the broker took it.
bool send_rebirth(const test::MosquittoBroker& broker) {
  const json cmd = {{"v", 1},           {"kind", "cmd"}, {"center", "sz-aicc"},
                    {"node", "sim-01"}, {"ts_ms", 1},    {"cmd", "rebirth"}};
  return test::publish(broker, kTopics + std::string("cmd"), cmd.dump());
}

TEST(ServiceAgent, RetainedStatusAndBirthThenOfflineAtSigterm) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::MqttSubscriber data(broker, kTopics + std::string("data"));
  Agent agent(dir, plain_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  auto birth = retained(broker, "birth");
  ASSERT_TRUE(birth.has_value());
  EXPECT_EQ(birth->at("devices").size(), 2u);
  EXPECT_DOUBLE_EQ(birth->at("totals").at("peak_tflops").at("fp16").get<double>(), 2 * 989.4);
  data.wait(2, 10s);
  EXPECT_TRUE(agent.terminate()) << agent.err();
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
  Agent agent(dir, plain_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  agent.process.signal(SIGKILL);
  agent.process.wait(5s);
  EXPECT_TRUE(status_becomes(broker, false)) << "the broker publishes the retained Last Will";
}

// Killed while connected and idle; KillNineWhileSpoolingLosesAtMostTheTornRecord (in
// agent_spool_service_test.cpp) kills it while the spool grows.
TEST(ServiceAgent, BootRisesByOneAcrossAKillNine) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  std::string config = plain_config(dir, broker);
  std::uint64_t first_boot = 0;
  {
    Agent agent(dir, config);
    ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
    first_boot = retained_boot(broker);
    agent.process.signal(SIGKILL);
    agent.process.wait(5s);
  }
  Agent again(dir, config, "again");
  std::uint64_t second_boot = 0;
  wait_until(
      [&] {
        auto birth = retained(broker, "birth");
        if (birth) second_boot = birth->at("boot");
        return second_boot == first_boot + 1;
      },
      10s);
  EXPECT_EQ(second_boot, first_boot + 1);
  EXPECT_TRUE(again.terminate()) << again.err();
}

TEST(ServiceAgent, RebirthRepublishesTheBirthWithTheNextSeq) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  Agent agent(dir, plain_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  test::MqttSubscriber births(broker, kTopics + std::string("birth"));
  ASSERT_EQ(births.wait(1, 5s).size(), 1u);  // the retained one
  test::MqttSubscriber data(broker, kTopics + std::string("data"));
  ASSERT_EQ(data.wait(2, 10s).size(), 2u) << agent.err();  // seq 1 or later is past
  ASSERT_TRUE(send_rebirth(broker));
  auto got = births.wait(2, 5s);
  ASSERT_EQ(got.size(), 2u) << agent.err();
  auto rebirth = json::parse(got[1].payload);
  EXPECT_GE(rebirth.at("seq").get<std::uint64_t>(), 1u) << "the seq of the next data window";
  EXPECT_TRUE(agent.terminate()) << agent.err();
}

TEST(ServiceAgent, AFloodOfCommandsGivesABoundedNumberOfBirthsAndLogLines) {
  constexpr int kCommands = 40;
  test::MosquittoBroker broker;
  test::TempDir dir;
  Agent agent(dir, plain_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  test::MqttSubscriber births(broker, kTopics + std::string("birth"));
  ASSERT_EQ(births.wait(1, 5s).size(), 1u);  // the retained one
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kCommands; ++i) {
    ASSERT_TRUE(send_rebirth(broker));
  }
  ASSERT_TRUE(agent.logs("mqtt: commands arrive faster than", 10s)) << agent.err();
  births.wait(4, 5s);  // the burst's three
  EXPECT_TRUE(agent.terminate()) << agent.err();
  // The agent acts on 3 at once and one per 10 s after: on a loaded machine publishing the 40
  // takes a while, and each 10 s of it allows one more.
  const auto took = std::chrono::steady_clock::now() - started;
  const std::size_t allowed = 3 + static_cast<std::size_t>(took / 10s);

  std::string log = agent.err();
  auto count_of = [&log](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1))
      ++n;
    return n;
  };
  std::size_t acted_on = count_of("rebirth requested");
  EXPECT_GE(acted_on, 3u) << log;
  EXPECT_LE(acted_on, allowed) << log;
  EXPECT_LE(births.messages().size(), 1 + acted_on);
  EXPECT_EQ(count_of("mqtt: commands arrive faster than"), 1u) << "once per episode:\n" << log;
  auto summary = log.find(" commands ignored (too many)");
  ASSERT_NE(summary, std::string::npos) << "the episode's count, at stop:\n" << log;
  auto ignored = std::stoull(log.substr(log.rfind(' ', summary - 1) + 1));
  EXPECT_GE(ignored, 1u);
  EXPECT_LE(ignored + acted_on, static_cast<std::size_t>(kCommands));
}

TEST(ServiceAgent, ABootFileItCannotRaiseStopsTheAgentWithStatus2) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/state");
  dir.write("state/boot", "18446744073709551615\n");
  std::string nowhere = "mqtt://127.0.0.1:" + std::to_string(test::free_port());
  Agent agent(dir, write_config(dir, base_config(dir, nowhere)));
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(2)) << agent.err();
  EXPECT_NE(agent.err().find(dir.path() + "/state/boot holds 18446744073709551615, which cannot "
                                          "be raised"),
            std::string::npos)
      << agent.err();
  EXPECT_EQ(read_file(dir.path() + "/state/boot"), "18446744073709551615\n") << "left as it was";
}

TEST(ServiceAgent, AFirstStartWarnsThatBootIsTheUnixTime) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  Agent agent(dir, plain_config(dir, broker));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  EXPECT_TRUE(agent.logs("/state/boot: boot ", 5s)) << agent.err();
  EXPECT_NE(agent.err().find("is the current Unix time"), std::string::npos) << agent.err();
  EXPECT_TRUE(agent.terminate()) << agent.err();
}

}  // namespace
}  // namespace suanli::service_test
