// Central restarted on its store (SIGTERM and kill -9), and two central instances sharing the
// ingest through an MQTT 5 shared subscription.

#include <gtest/gtest.h>

#include <csignal>
#include <memory>
#include <thread>

#include "central/store/store.hpp"
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
  // The store is flushed once a second: wait until a flush has written the node and its birth.
  {
    auto store = store::Store::open(dir.path() + "/central.db");
    ASSERT_TRUE(store) << store.error();
    auto flushed = [&] {
      auto births = store->births();
      auto states = store->node_states();
      return births && births->size() == 1 && states && states->size() == 1;
    };
    ASSERT_TRUE(service_test::wait_until(flushed, 20s)) << central->err();
  }

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

// Two instances take every message and compute the same figures; the one with the smaller id
// publishes the retained city indicator, and the other takes over when it stops.
TEST(SeveralInstances, TwoInstancesPublishTheSingleInstanceFiguresOnce) {
  test::MosquittoBroker broker;
  test::TempDir dir1;
  test::TempDir dir2;
  json cfg1 = central_config(dir1, broker.uri());
  json cfg2 = central_config(dir2, broker.uri());
  cfg2["id"] = "c2";
  Central one(dir1, cfg1);
  Central two(dir2, cfg2);
  ASSERT_TRUE(one.ready()) << one.err();
  ASSERT_TRUE(two.ready()) << two.err();

  WirePublisher publisher(broker);
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 10)};
  const std::vector<std::string> nodes = {"n1", "n2", "n3"};
  constexpr std::uint64_t kWindows = 6;
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
  for (Central* c : {&one, &two}) {
    json s = c->poll("/api/v1/stats", [&](const json& d) {
      return d["accepted"]["data"].get<std::uint64_t>() == published;
    });
    EXPECT_EQ(s["accepted"]["data"], published) << "every instance takes every window";
  }
  const double live_fp16 = static_cast<double>(nodes.size()) * 0.05;  // 50 TFLOPS each
  json first = without_time(one.get_json("/api/v1/indicator").value());
  json second = without_time(two.get_json("/api/v1/indicator").value());
  EXPECT_EQ(first, second);
  EXPECT_DOUBLE_EQ(first["headline"]["live_pflops"].get<double>(), live_fp16) << first.dump();

  auto retained_indicator = [&] {
    auto got = test::retained_messages(broker, "suanli/v1/_city/indicator", 5s);
    return got.empty() ? json() : json::parse(got.back().payload, nullptr, false);
  };
  json city;
  service_test::wait_until(
      [&] {
        city = retained_indicator();
        return city.is_object() && city.value("published_by", "") == "c1" &&
               city["headline"]["live_pflops"] == first["headline"]["live_pflops"];
      },
      30s);
  ASSERT_EQ(city.value("published_by", ""), "c1") << city.dump();
  city.erase("published_by");
  EXPECT_EQ(without_time(city), first);

  one.process.signal(SIGTERM);  // c2 takes over the retained indicator
  service_test::wait_until(
      [&] {
        city = retained_indicator();
        return city.is_object() && city.value("published_by", "") == "c2";
      },
      30s);
  EXPECT_EQ(city.value("published_by", ""), "c2") << city.dump() << two.err();
}

}  // namespace
}  // namespace suanli::central_service_test
