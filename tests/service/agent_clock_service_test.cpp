// The agent's wall clock steps while it runs (libfaketime, tests/support/fake_clock.hpp): it
// boots in 1970, as a box without a real-time clock does, NTP sets it, then it is set back an
// hour. Windows are timed on the steady clock: their seqs follow one another without a gap, and
// no window spans a step (55 years long) or shrinks to nothing after a step back.

#include <gtest/gtest.h>

#include "tests/service/agent_harness.hpp"
#include "tests/support/fake_clock.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::system_clock;

// 2020-01-01T00:00:00Z: a ts_ms below it was read before the clock was set.
constexpr std::uint64_t kClockSetMs = 1'577'836'800'000;

TEST(ServiceAgentClock, WindowsFollowOneAnotherAcrossStepsOfTheWallClock) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::FakeClock clock(dir);
  clock.step_to(Clock::time_point{} + 10s);  // 1970-01-01T00:00:10Z
  test::MqttSubscriber data(broker, kTopics + std::string("data"));
  Agent agent(dir, write_config(dir, base_config(dir, broker.uri())), "agent", clock.env());

  // Waits (bounded) for `more` further windows; returns all windows so far.
  std::size_t seen = 0;
  auto windows_after = [&](std::size_t more) {
    seen += more;
    auto got = messages_of(data.wait(seen, 20s), "data");
    EXPECT_GE(got.size(), seen) << agent.err();
    seen = got.size();
    return got;
  };
  auto in_1970 = windows_after(2);
  ASSERT_FALSE(in_1970.empty());
  ASSERT_LT(in_1970.back().at("ts_ms").get<std::uint64_t>(), kClockSetMs)
      << "the agent does not read the faked clock";

  clock.step_by(0s);  // NTP synchronised
  windows_after(2);
  clock.step_by(-1h);
  auto all = windows_after(2);
  ASSERT_TRUE(agent.terminate()) << agent.err();

  std::uint64_t boot = all.front().at("boot");
  std::uint64_t seq = 0;
  std::uint64_t last_ts = 0;
  bool saw_set = false;
  bool saw_set_back = false;
  for (const json& w : all) {
    ASSERT_EQ(w.at("boot"), boot);
    EXPECT_EQ(w.at("seq"), seq++) << "one window per seq, none missed";
    const auto start = w.at("window").at("start_ms").get<std::uint64_t>();
    const auto end = w.at("window").at("end_ms").get<std::uint64_t>();
    const auto ts = w.at("ts_ms").get<std::uint64_t>();
    EXPECT_EQ(end, ts);
    EXPECT_GT(end, start) << w.at("window").dump();
    EXPECT_LT(end - start, 60'000u) << "a window spans a step: " << w.at("window").dump();
    saw_set = saw_set || ts >= kClockSetMs;
    saw_set_back = saw_set_back || ts < last_ts;
    last_ts = ts;
  }
  EXPECT_TRUE(saw_set && saw_set_back) << "both steps reached the agent";
  EXPECT_NE(agent.err().find("the wall clock stepped by"), std::string::npos) << agent.err();
}

}  // namespace
}  // namespace suanli::service_test
