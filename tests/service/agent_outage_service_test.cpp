// suanli-agent through a 30 s broker outage: every window of the boot arrives, the backlog on
// hist, oldest first.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>

#include "tests/service/agent_harness.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;

constexpr auto kOutage = 30s;

TEST(ServiceAgentOutage, A30sBrokerOutageLosesNoWindowAndTheBacklogComesOnHist) {
  test::MosquittoBroker broker({.persistence = true});
  test::TempDir dir;
  // A persistent session on a persistent broker: the subscription outlives the restart, so the
  // subscriber misses nothing the agent publishes before it has reconnected.
  test::MqttSubscriber sub(broker, kTopics + std::string("#"), 311, test::Session::persistent);
  Agent agent(dir, write_config(dir, base_config(dir, broker.uri())));
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  std::uint64_t boot = retained_boot(broker);
  auto live = [&] { return seqs(sub.messages(), "data", boot); };
  ASSERT_TRUE(wait_until([&] { return live().size() >= 2; }, 15s)) << agent.err();

  broker.stop();
  auto before = sub.messages().size();  // what came before the outage
  std::this_thread::sleep_for(kOutage);
  broker.start();

  // Done when two live windows followed the outage and hist filled the gap before them.
  std::uint64_t last_before = 0;
  std::uint64_t first_after = 0;
  auto outage_filled = [&] {
    auto all = sub.messages();
    std::vector<test::ReceivedMessage> pre(all.begin(), all.begin() + static_cast<long>(before));
    std::vector<test::ReceivedMessage> post(all.begin() + static_cast<long>(before), all.end());
    auto data_before = seqs(pre, "data", boot);
    auto data_after = seqs(post, "data", boot);
    if (data_before.empty() || data_after.size() < 2) return false;
    last_before = *data_before.rbegin();
    first_after = *data_after.begin();
    return first_after > last_before &&
           gaps(window_seqs(all, boot), last_before, first_after).empty();
  };
  // On failure, what did arrive tells the agent's side from the subscriber's.
  auto arrived = [&] {
    std::string text;
    for (const char* kind : {"data", "hist"}) {
      text += std::string(kind) + " seqs:";
      for (std::uint64_t s : seqs(sub.messages(), kind, boot))
        text += " " + std::to_string(s);
      text += "\n";
    }
    return text + std::to_string(before) + " messages before the outage\n";
  };
  EXPECT_TRUE(wait_until(outage_filled, 40s)) << arrived() << agent.err();
  EXPECT_TRUE(agent.terminate()) << agent.err();
  auto received = sub.wait(sub.messages().size() + 2, 3s);  // the last window and status too

  auto hist = seqs(received, "hist", boot);
  EXPECT_GE(first_after - last_before, 20u) << "about 30 windows were built in the outage";
  for (std::uint64_t s = last_before + 1; s < first_after; ++s) {
    EXPECT_TRUE(hist.contains(s)) << "seq " << s << " of the outage did not come on hist";
  }
  auto all = window_seqs(received, boot);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(*all.begin(), 0u);
  EXPECT_EQ(gaps(all, 0, *all.rbegin()), std::vector<std::uint64_t>{})
      << "seqs of boot " << boot << " that never arrived";
  auto order = hist_order(received);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << "hist is oldest first";
}

}  // namespace
}  // namespace suanli::service_test
