// Stepped wall clocks (libfaketime, tests/support/fake_clock.hpp). An agent that boots in 1970 and
// is then set: central takes every window once, live by its arrival, dated by central's clock.
// Central's own clock stepped forward a month or back an hour: staleness is timed on its steady
// clock, so fresh nodes stay online and silent ones still go stale (docs/protocol.md, "Clocks").

#include <gtest/gtest.h>

#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"
#include "tests/support/fake_clock.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fx = suanli::central::test;
using Clock = std::chrono::system_clock;

// 2020-01-01T00:00:00Z: a date below it was read before a clock was set.
constexpr std::uint64_t kClockSetMs = 1'577'836'800'000;
constexpr auto kMonth = std::chrono::hours(24 * 30);

std::string topic(const std::string& node, const std::string& kind) {
  return "suanli/v1/" + std::string(kCenterA) + "/" + node + "/" + kind;
}

// The node's entry in /api/v1/nodes; null when central does not list it.
json node_of(const json& nodes, const std::string& center, const std::string& node) {
  for (const json& n : nodes.value("nodes", json::array())) {
    if (n["center"] == center && n["node"] == node) return n;
  }
  return nullptr;
}

std::uint64_t last_seq_of(const json& node) {
  return node.is_object() && node["last_seq"].is_number() ? node["last_seq"].get<std::uint64_t>()
                                                          : 0;
}

TEST(CentralClock, AnAgentSetFrom1970ToNowAndBackLosesAndRepeatsNoWindow) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  Central central(dir, central_config(dir, broker.uri()));
  ASSERT_TRUE(central.ready()) << central.err();
  test::FakeClock clock(dir);
  clock.step_to(Clock::time_point{} + 10s);
  const std::uint64_t started_ms = test::epoch_ms(Clock::now());
  json cfg = service_test::base_config(dir, broker.uri());
  service_test::Agent agent(dir, service_test::write_config(dir, cfg), "agent", clock.env());

  // Waits until central applied `more` further windows of the agent; returns its node entry.
  std::uint64_t applied = 0;
  auto windows_after = [&](std::uint64_t more) {
    applied += more;
    json nodes = central.poll("/api/v1/nodes", [&](const json& n) {
      return last_seq_of(node_of(n, kCenterA, "sim-01")) >= applied;
    });
    json node = node_of(nodes, kCenterA, "sim-01");
    EXPECT_GE(last_seq_of(node), applied) << agent.err() << central.err();
    applied = last_seq_of(node);
    return node;
  };
  json in_1970 = windows_after(2);
  EXPECT_GE(in_1970["last_data_ms"].get<std::uint64_t>(), started_ms)
      << "dated by central's clock, not the agent's 1970";
  clock.step_by(0s);
  windows_after(2);
  clock.step_by(-1h);
  json node = windows_after(2);

  EXPECT_EQ(node["state"], "online");
  EXPECT_LE(node["last_data_ms"].get<std::uint64_t>(), test::epoch_ms(Clock::now()));
  json stats = central.get_json("/api/v1/stats").value();
  EXPECT_EQ(stats["gaps"], 0) << stats.dump();
  EXPECT_EQ(stats["missed_windows"], 0);
  EXPECT_EQ(stats["duplicates"], 0);
  EXPECT_EQ(stats["out_of_order"], 0);
  EXPECT_EQ(stats["outcomes"]["history"], 0);
  EXPECT_GE(stats["accepted"]["data"].get<std::uint64_t>(), applied + 1) << "seq 0 to last_seq";
  EXPECT_EQ(stats["rejected_total"], 0);
  EXPECT_TRUE(agent.terminate()) << agent.err();
}

// Central under a fake clock, with one node of hand-made messages announcing `interval_ms`.
class CentralClockStep : public ::testing::Test {
 protected:
  void start(std::uint64_t interval_ms) {
    central_ = std::make_unique<Central>(dir_, central_config(dir_, broker_.uri()), "central",
                                         std::string{}, clock_.env());
    ASSERT_TRUE(central_->ready()) << central_->err();
    publisher_ = std::make_unique<WirePublisher>(broker_);
    interval_ms_ = interval_ms;
    wire::Header h = fx::header(kCenterA, "n1", 1, 0);
    h.ts_ms = test::epoch_ms(Clock::now());
    ASSERT_TRUE(publisher_->publish(
        topic("n1", "birth"), wire::encode(fx::birth(h, devices_, std::nullopt, interval_ms))));
    send_window(0);
  }

  // Data window `seq`, dated by the real clock; returns once central applied it.
  void send_window(std::uint64_t seq) {
    wire::Header h = fx::header(kCenterA, "n1", 1, seq);
    h.ts_ms = test::epoch_ms(Clock::now());
    wire::Data d = fx::data(h, devices_, 0.5);
    d.interval_ms = interval_ms_;
    d.window.start_ms = h.ts_ms - interval_ms_;
    ASSERT_TRUE(publisher_->publish(topic("n1", "data"), wire::encode(d)));
    json nodes = central_->poll("/api/v1/nodes", [&](const json& n) {
      json node = node_of(n, kCenterA, "n1");
      return node.is_object() && node["last_seq"] == seq;
    });
    ASSERT_EQ(node_of(nodes, kCenterA, "n1")["last_seq"], seq) << central_->err();
  }

  json node() { return node_of(central_->get_json("/api/v1/nodes").value(), kCenterA, "n1"); }

  // Waits until central has ticked twice at a clock reading `pred` accepts; returns the indicator.
  json indicator_when(const std::function<bool(std::uint64_t)>& pred) {
    std::optional<std::uint64_t> first;
    json indicator = central_->poll("/api/v1/indicator", [&](const json& i) {
      const auto generated = i["generated_ms"].get<std::uint64_t>();
      if (!pred(generated)) return false;
      if (!first) first = generated;
      return generated >= *first + 1000;
    });
    EXPECT_TRUE(first.has_value()) << "central did not read the stepped clock";
    return indicator;
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  test::FakeClock clock_{dir_};
  std::unique_ptr<Central> central_;
  std::unique_ptr<WirePublisher> publisher_;
  std::vector<wire::Device> devices_ = {fx::accelerator("g0", 100)};
  std::uint64_t interval_ms_ = 0;
};

TEST_F(CentralClockStep, AMonthForwardMarksNoNodeStaleOrRetired) {
  start(10'000);  // stale after 30 s without data, retired after 7 days
  const std::uint64_t before_ms = test::epoch_ms(Clock::now());
  clock_.step_by(kMonth);
  const std::uint64_t month_ms = std::chrono::milliseconds(kMonth).count();
  json indicator = indicator_when([&](std::uint64_t now) { return now >= before_ms + month_ms; });
  EXPECT_EQ(node()["state"], "online") << central_->err();
  EXPECT_EQ(indicator["counts"]["nodes"]["stale"], 0) << indicator.dump();
  EXPECT_EQ(indicator["counts"]["nodes"]["retired"], 0);
  EXPECT_EQ(indicator["counts"]["nodes"]["online"], 1);
  send_window(1);
  EXPECT_GE(node()["last_data_ms"].get<std::uint64_t>(), before_ms + month_ms)
      << "dates follow the wall clock";
}

TEST_F(CentralClockStep, AnHourBackStillNoticesASilentNode) {
  start(2'000);  // stale after 6 s without data
  const std::uint64_t before_ms = test::epoch_ms(Clock::now());
  clock_.step_by(-1h);
  indicator_when([&](std::uint64_t now) { return now < before_ms; });
  ASSERT_EQ(node()["state"], "online") << "the step came before the node went stale";
  json nodes = central_->poll("/api/v1/nodes", [](const json& n) {
    return node_of(n, kCenterA, "n1")["state"] == "stale";
  });
  EXPECT_EQ(node_of(nodes, kCenterA, "n1")["state"], "stale")
      << "not online until the wall clock catches up an hour later";
}

TEST(CentralClock, AWindowDatedIn1970IsLiveByItsArrivalAndFoldedNowhere) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  Central central(dir, central_config(dir, broker.uri()));
  ASSERT_TRUE(central.ready()) << central.err();
  WirePublisher publisher(broker);
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100)};
  auto header = [](std::uint64_t seq, std::uint64_t ts_ms) {
    wire::Header h = fx::header(kCenterA, "rtc-less", 1, seq);
    h.ts_ms = ts_ms;
    return h;
  };
  const std::uint64_t started_ms = test::epoch_ms(Clock::now());
  ASSERT_TRUE(publisher.publish(topic("rtc-less", "birth"),
                                wire::encode(fx::birth(header(0, 20'000), devices))));
  const std::string live = wire::encode(fx::data(header(0, 30'000), devices, 0.5));
  ASSERT_TRUE(publisher.publish(topic("rtc-less", "data"), live));
  ASSERT_TRUE(publisher.publish(topic("rtc-less", "data"), live));  // delivered twice
  wire::Hist spooled{fx::data(header(1, 130'000), devices, 0.5)};
  spooled.data.window = {110'000, 130'000, 20};  // holds the end of the minute 00:01
  ASSERT_TRUE(publisher.publish(topic("rtc-less", "hist"), wire::encode(spooled)));

  json stats = central.poll("/api/v1/stats", [](const json& s) {
    return s["duplicates"] == 1 && s["history_folds"]["undated"] == 1;
  });
  EXPECT_EQ(stats["duplicates"], 1) << stats.dump();
  EXPECT_EQ(stats["history_folds"]["undated"], 1);
  EXPECT_EQ(stats["history_folds"]["no_row"], 0);
  EXPECT_EQ(stats["outcomes"]["applied"], 2);  // the birth and the live window
  json node = node_of(central.get_json("/api/v1/nodes").value(), kCenterA, "rtc-less");
  EXPECT_EQ(node["state"], "online");
  EXPECT_GE(node["last_data_ms"].get<std::uint64_t>(), started_ms);
  json indicator = central.get_json("/api/v1/indicator").value();
  EXPECT_GT(indicator["headline"]["live_pflops"].get<double>(), 0) << indicator.dump();
  EXPECT_GE(indicator["generated_ms"].get<std::uint64_t>(), kClockSetMs);
}

}  // namespace
}  // namespace suanli::central_service_test
