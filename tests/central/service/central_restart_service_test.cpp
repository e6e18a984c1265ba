// Central restarted on its store (SIGTERM and kill -9), and two central instances sharing the
// ingest through an MQTT 5 shared subscription.

#include <gtest/gtest.h>

#include <csignal>
#include <memory>
#include <thread>

#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fx = suanli::central::test;

bool online_and_live(const json& ind) {
  return ind["counts"]["nodes"]["online"] == 1 &&
         ind["headline"]["live_pflops"].get<double>() > 0 &&
         ind["headline"]["live_pflops"] == ind["headline"]["installed_pflops"];
}

class CentralRestart : public ::testing::TestWithParam<int> {};

TEST_P(CentralRestart, TheIndicatorComesBackFromTheStore) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::TempDir agent_dir;
  json cfg = central_config(dir, broker.uri());
  auto central = std::make_unique<Central>(dir, cfg, "first");
  ASSERT_TRUE(central->ready()) << central->err();
  service_test::Agent agent(
      agent_dir,
      service_test::write_config(agent_dir, service_test::base_config(agent_dir, broker.uri(), 2)));
  json before = central->poll("/api/v1/indicator", online_and_live);
  ASSERT_TRUE(online_and_live(before)) << before.dump() << central->err();
  const json installed = before["all_classes"]["installed_pflops"];
  // The store is flushed once a second: let one flush pass after the node came online.
  std::this_thread::sleep_for(2500ms);

  central->process.signal(GetParam());
  std::optional<int> exit = central->process.wait(15s);
  ASSERT_TRUE(exit.has_value());
  if (GetParam() == SIGTERM) {
    EXPECT_EQ(*exit, 0) << central->err();
  }
  central.reset();
  // With the retained birth gone, only the store can bring the inventory back.
  WirePublisher publisher(broker);
  ASSERT_TRUE(publisher.publish(std::string(service_test::kTopics) + "birth", "", true));

  cfg["http"]["listen"] = "127.0.0.1:" + std::to_string(test::free_port());
  Central again(dir, cfg, "second");
  json restored = again.poll(
      "/api/v1/indicator", [](const json& d) { return d.contains("all_classes"); }, 20s);
  ASSERT_TRUE(restored.contains("all_classes")) << again.err();
  EXPECT_EQ(restored["all_classes"]["installed_pflops"], installed) << restored.dump();
  EXPECT_EQ(restored["counts"]["nodes"]["online"].get<int>() +
                restored["counts"]["nodes"]["stale"].get<int>() +
                restored["counts"]["nodes"]["offline"].get<int>(),
            1);

  json live = again.poll("/api/v1/indicator", online_and_live);
  EXPECT_TRUE(online_and_live(live)) << live.dump() << again.err();
  EXPECT_EQ(live["all_classes"]["installed_pflops"], installed);
  EXPECT_EQ(live["all_classes"]["live_pflops"], installed);
}

INSTANTIATE_TEST_SUITE_P(Signals, CentralRestart, ::testing::Values(SIGTERM, SIGKILL),
                         [](const auto& info) {
                           return info.param == SIGTERM ? "sigterm" : "kill9";
                         });

TEST(SharedGroup, TwoInstancesSeeEachWindowExactlyOnceBetweenThem) {
  test::MosquittoBroker broker;
  test::TempDir dir1;
  test::TempDir dir2;
  json cfg1 = central_config(dir1, broker.uri());
  cfg1["mqtt"]["shared_group"] = "centrals";
  json cfg2 = central_config(dir2, broker.uri());
  cfg2["id"] = "c2";
  cfg2["mqtt"]["shared_group"] = "centrals";
  Central one(dir1, cfg1);
  Central two(dir2, cfg2);
  ASSERT_TRUE(one.ready()) << one.err();
  ASSERT_TRUE(two.ready()) << two.err();

  WirePublisher publisher(broker);
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 10)};
  const std::vector<std::string> nodes = {"n1", "n2", "n3"};
  constexpr std::uint64_t kWindows = 12;
  for (const std::string& n : nodes) {
    ASSERT_TRUE(publisher.publish("suanli/v1/sz-aicc/" + n + "/birth",
                                  wire::encode(fx::birth(fx::header(kCenterA, n, 1, 0), devices)),
                                  true));
  }
  for (std::uint64_t seq = 1; seq <= kWindows; ++seq) {
    for (const std::string& n : nodes) {
      ASSERT_TRUE(
          publisher.publish("suanli/v1/sz-aicc/" + n + "/data",
                            wire::encode(fx::data(fx::header(kCenterA, n, 1, seq), devices, 0.5))));
    }
  }
  const std::uint64_t published = kWindows * nodes.size();
  auto data_seen = [&] {
    std::uint64_t sum = 0;
    for (Central* c : {&one, &two}) {
      if (auto s = c->get_json("/api/v1/stats"))
        sum += (*s)["accepted"]["data"].get<std::uint64_t>();
    }
    return sum;
  };
  service_test::wait_until([&] { return data_seen() >= published; }, 30s);
  std::this_thread::sleep_for(500ms);  // anything delivered twice would arrive by now
  EXPECT_EQ(data_seen(), published);
  for (Central* c : {&one, &two}) {
    json s = c->get_json("/api/v1/stats").value();
    EXPECT_EQ(s["duplicates"], 0) << s.dump();
    EXPECT_EQ(s["rejected_total"], 0);
    EXPECT_EQ(s["accepted"]["birth"], nodes.size()) << "every instance sees every birth";
  }
}

}  // namespace
}  // namespace suanli::central_service_test
