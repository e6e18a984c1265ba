// suanli-agent with its spool on a full file system (a small tmpfs): every window is still sent
// while the broker is up, the ones that cannot be delivered are counted exactly in dropped_total,
// the episode is logged once, and the spool stores windows again once space returns.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/service/agent_harness.hpp"
#include "tests/support/small_tmpfs.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::uint64_t kTmpfsBytes = 128 * 1024;
constexpr const char* kCannotStore = "spool: cannot store a window";
constexpr const char* kStoresAgain = "spool: storing windows again; ";

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

// N of "storing windows again; N went out from memory only".
std::uint64_t memory_only_windows(const std::string& log) {
  auto at = log.find(kStoresAgain);
  if (at == std::string::npos) return 0;
  return std::stoull(log.substr(at + std::string(kStoresAgain).size()));
}

// The data message with the highest seq of `boot`.
std::optional<json> latest_data(const std::vector<test::ReceivedMessage>& messages,
                                std::uint64_t boot) {
  std::optional<json> latest;
  for (auto& doc : messages_of(messages, "data")) {
    if (doc.at("boot") == boot && (!latest || doc.at("seq") > latest->at("seq"))) latest = doc;
  }
  return latest;
}

TEST(ServiceAgentDiskFull, WithTheBrokerUpEveryWindowIsStillSent) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::SmallTmpfs spool_fs(spool_dir(dir), kTmpfsBytes);
  if (!spool_fs.mounted()) GTEST_SKIP() << spool_fs.why();
  std::string filler = spool_dir(dir) + "/filler";
  spool_fs.fill(filler);
  test::MqttSubscriber sub(broker, kTopics + std::string("#"));
  Agent agent(dir, write_config(dir, base_config(dir, broker.uri())));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  std::uint64_t boot = retained_boot(broker);
  ASSERT_TRUE(agent.logs(kCannotStore, 15s)) << agent.err();
  auto live = [&] { return seqs(sub.messages(), "data", boot); };
  ASSERT_TRUE(wait_until([&] { return live().size() >= 3; }, 15s)) << agent.err();

  std::filesystem::remove(filler);
  ASSERT_TRUE(agent.logs(kStoresAgain, 15s)) << agent.err();
  auto sent_after = live().size() + 2;
  ASSERT_TRUE(wait_until([&] { return live().size() >= sent_after; }, 15s)) << agent.err();
  EXPECT_TRUE(agent.terminate()) << agent.err();

  auto received = sub.wait(sub.messages().size() + 2, 3s);
  auto got = seqs(received, "data", boot);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(*got.begin(), 0u);
  EXPECT_EQ(gaps(got, 0, *got.rbegin()), std::vector<std::uint64_t>{})
      << "every window arrived live, stored or not";
  for (const auto& doc : messages_of(received, "data")) {
    EXPECT_EQ(doc.at("dropped_total").get<std::uint64_t>(), 0u) << doc.dump();
  }
  std::string log = agent.err();
  EXPECT_EQ(count_of(log, kCannotStore), 1u) << "once per episode:\n" << log;
  EXPECT_EQ(count_of(log, kStoresAgain), 1u) << log;
  std::uint64_t memory_only = memory_only_windows(log);
  EXPECT_GE(memory_only, 3u) << log;
  auto latest = latest_data(received, boot);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->at("spool_faults").at("unspooled_windows").get<std::uint64_t>(), memory_only);
}

TEST(ServiceAgentDiskFull, WithTheBrokerDownDroppedTotalCountsExactlyTheWindowsLost) {
  test::MosquittoBroker broker({.persistence = true});
  test::TempDir dir;
  test::SmallTmpfs spool_fs(spool_dir(dir), kTmpfsBytes);
  if (!spool_fs.mounted()) GTEST_SKIP() << spool_fs.why();
  test::MqttSubscriber sub(broker, kTopics + std::string("#"), 311, test::Session::persistent);
  Agent agent(dir, write_config(dir, base_config(dir, broker.uri())));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  std::uint64_t boot = retained_boot(broker);
  ASSERT_TRUE(wait_until([&] { return !seqs(sub.messages(), "data", boot).empty(); }, 15s));

  broker.stop();
  ASSERT_TRUE(agent.logs("windows wait in the spool", 15s)) << agent.err();
  std::string filler = spool_dir(dir) + "/filler";
  spool_fs.fill(filler);
  ASSERT_TRUE(agent.logs(kCannotStore, 15s)) << agent.err();
  std::filesystem::remove(filler);
  ASSERT_TRUE(agent.logs(kStoresAgain, 15s)) << agent.err();
  std::uint64_t lost = memory_only_windows(agent.err());
  ASSERT_GE(lost, 1u) << agent.err();
  broker.start();

  // Done when a live window came after the outage and hist filled all but the lost windows.
  auto settled = [&] {
    auto all = sub.messages();
    auto latest = latest_data(all, boot);
    if (!latest || latest->at("dropped_total").get<std::uint64_t>() < lost) return false;
    auto got = window_seqs(all, boot);
    return gaps(got, 0, latest->at("seq").get<std::uint64_t>()).size() == lost;
  };
  EXPECT_TRUE(wait_until(settled, 30s)) << agent.err();
  EXPECT_TRUE(agent.terminate()) << agent.err();

  auto received = sub.wait(sub.messages().size() + 2, 3s);
  auto latest = latest_data(received, boot);
  ASSERT_TRUE(latest.has_value());
  auto missing = gaps(window_seqs(received, boot), 0, latest->at("seq").get<std::uint64_t>());
  EXPECT_EQ(missing.size(), lost) << "the windows that could be neither stored nor sent";
  EXPECT_EQ(latest->at("dropped_total").get<std::uint64_t>(), lost);
  EXPECT_EQ(latest->at("spool_faults").at("unspooled_windows").get<std::uint64_t>(), lost);
  std::string log = agent.err();
  EXPECT_EQ(count_of(log, kCannotStore), 1u) << log;
}

}  // namespace
}  // namespace suanli::service_test
