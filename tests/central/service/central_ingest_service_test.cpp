// Hand-made messages through a real Mosquitto (and the HTTP ingest endpoint) into one central:
// duplicates, replays, out-of-order windows, seq gaps, a new boot, a barrage of hostile
// payloads.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fx = suanli::central::test;

std::string topic(const std::string& center, const std::string& node, const std::string& kind) {
  return "suanli/v1/" + center + "/" + node + "/" + kind;
}

// Installed PFLOPS of `devices` at precision p, as central sums them (1 MFLOPS units).
double pflops(const std::vector<wire::Device>& devices, Precision p) {
  std::int64_t units = 0;
  for (const wire::Device& d : devices) {
    if (d.peak_tflops[p]) units += std::llround(*d.peak_tflops[p] * 1e6);
  }
  return static_cast<double>(units) / 1e9;
}

class IngestService : public ::testing::Test {
 protected:
  void SetUp() override {
    central_ = std::make_unique<Central>(dir_, central_config(dir_, broker_.uri()));
    ASSERT_TRUE(central_->ready()) << central_->err();
    publisher_ = std::make_unique<WirePublisher>(broker_);
  }

  void send(const std::string& center, const std::string& node, const std::string& kind,
            const std::string& payload) {
    ASSERT_TRUE(publisher_->publish(topic(center, node, kind), payload));
  }

  // Waits until /api/v1/stats satisfies `done`; returns the last stats seen.
  json stats_when(const std::function<bool(const json&)>& done) {
    return central_->poll("/api/v1/stats", done);
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  std::unique_ptr<Central> central_;
  std::unique_ptr<WirePublisher> publisher_;
};

TEST_F(IngestService, DuplicatesReplaysOutOfOrderGapsAndANewBoot) {
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100), fx::accelerator("g1", 50)};
  const std::string a = kCenterA;
  auto data = [&](std::uint64_t boot, std::uint64_t seq) {
    return wire::encode(fx::data(fx::header(a, "n1", boot, seq), devices, 0.5));
  };
  send(a, "n1", "birth", wire::encode(fx::birth(fx::header(a, "n1", 1, 0), devices)));
  for (std::uint64_t seq = 1; seq <= 3; ++seq)
    send(a, "n1", "data", data(1, seq));
  json stats = stats_when([](const json& s) { return s["outcomes"]["applied"] == 4; });
  ASSERT_EQ(stats["outcomes"]["applied"], 4) << stats.dump();
  const json before = without_time(central_->get_json("/api/v1/indicator").value());
  EXPECT_DOUBLE_EQ(before["headline"]["installed_pflops"].get<double>(),
                   pflops(devices, Precision::fp16));
  EXPECT_DOUBLE_EQ(before["headline"]["live_pflops"].get<double>(),
                   pflops(devices, Precision::fp16));

  send(a, "n1", "data", data(1, 2));  // duplicate
  wire::Hist replay{fx::data(fx::header(a, "n1", 1, 3), devices, 0.5)};
  send(a, "n1", "hist", wire::encode(replay));  // replay of a window already seen
  wire::Hist backlog{fx::data(fx::header(a, "n1", 1, 10), devices, 0.9)};
  send(a, "n1", "hist", wire::encode(backlog));  // a new window, replayed: history only
  send(a, "n1", "data", data(1, 6));             // gap: 4 and 5 missed
  send(a, "n1", "data", data(1, 5));             // out of order: history only
  send(a, "n1", "data", data(1, 6));             // duplicate again
  stats = stats_when([](const json& s) {
    return s["duplicates"] == 3 && s["out_of_order"] == 1 && s["gaps"] == 1 &&
           s["outcomes"]["history"] == 2;
  });
  EXPECT_EQ(stats["duplicates"], 3) << stats.dump();
  EXPECT_EQ(stats["out_of_order"], 1);
  EXPECT_EQ(stats["gaps"], 1);
  EXPECT_EQ(stats["missed_windows"], 2);
  EXPECT_EQ(stats["outcomes"]["history"], 2);
  EXPECT_EQ(stats["outcomes"]["duplicate"], 3);
  EXPECT_EQ(stats["outcomes"]["applied"], 5);
  EXPECT_EQ(stats["rejected_total"], 0);
  json after = without_time(central_->get_json("/api/v1/indicator").value());
  EXPECT_EQ(after, before) << "duplicates, replays and late windows must not move the totals";

  // A new boot with one device fewer: its birth replaces the inventory; windows of the old
  // boot go to history and leave the totals alone.
  const std::vector<wire::Device> fewer = {fx::accelerator("g0", 100)};
  send(a, "n1", "birth", wire::encode(fx::birth(fx::header(a, "n1", 2, 0), fewer)));
  send(a, "n1", "data", wire::encode(fx::data(fx::header(a, "n1", 2, 1), fewer, 0.5)));
  stats = stats_when([](const json& s) { return s["outcomes"]["applied"] == 7; });
  ASSERT_EQ(stats["outcomes"]["applied"], 7) << stats.dump();
  const json reborn = without_time(central_->get_json("/api/v1/indicator").value());
  EXPECT_DOUBLE_EQ(reborn["headline"]["installed_pflops"].get<double>(),
                   pflops(fewer, Precision::fp16));
  EXPECT_DOUBLE_EQ(reborn["headline"]["live_pflops"].get<double>(), pflops(fewer, Precision::fp16));

  send(a, "n1", "data", data(1, 7));  // the old boot, late
  send(a, "n1", "birth", wire::encode(fx::birth(fx::header(a, "n1", 1, 8), devices)));
  stats = stats_when(
      [](const json& s) { return s["outcomes"]["history"] == 3 && s["older_ignored"] == 1; });
  EXPECT_EQ(stats["outcomes"]["history"], 3) << stats.dump();
  EXPECT_EQ(stats["older_ignored"], 1);
  EXPECT_EQ(without_time(central_->get_json("/api/v1/indicator").value()), reborn);
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u);
  EXPECT_EQ(nodes["nodes"][0]["boot"], 2);
}

struct Hostile {
  std::string topic;
  std::string payload;
  std::string reason;  // the reject reason central must count
};

json parsed(const std::string& text) {
  return json::parse(text);
}

std::vector<Hostile> hostile_messages() {
  const std::string a = kCenterA;
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100), fx::accelerator("g1", 50)};
  const std::string birth_topic = topic(a, "evil", "birth");
  const std::string data_topic = topic(a, "evil", "data");
  const json birth = parsed(wire::encode(fx::birth(fx::header(a, "evil", 1, 0), devices)));
  const json data = parsed(wire::encode(fx::data(fx::header(a, "evil", 1, 1), devices, 0.5)));
  // The birth with `literal` as its boot, written as is (nlohmann would not keep 2^64 an
  // integer).
  auto with_boot = [](const json& doc, const std::string& literal) {
    std::string text = doc.dump();
    const std::string key = "\"boot\":";
    std::size_t at = text.find(key) + key.size();
    return text.replace(at, text.find(',', at) - at, literal);
  };
  auto mutated = [](json doc, const std::function<void(json&)>& change) {
    change(doc);
    return doc.dump();
  };

  std::vector<Hostile> out = {
      {birth_topic, "", "invalid_json"},
      {birth_topic, "{", "invalid_json"},
      {birth_topic, "not json at all", "invalid_json"},
      {birth_topic, "{}x", "invalid_json"},
      {birth_topic, R"({"v":1,"boot":1e})", "invalid_json"},
      {birth_topic, with_boot(birth, "18446744073709551616"), "wrong_type"},  // 2^64
      {birth_topic, R"({"v":1,"v":1})", "invalid_json"},
      {birth_topic, "{\"host\":\"\xff\xfe\"}", "invalid_json"},
      {birth_topic, R"({"v":1,"boot":NaN})", "invalid_json"},
      {birth_topic, R"({"v":1,"boot":1e999})", "invalid_json"},
      {birth_topic, "[]", "wrong_type"},
      {birth_topic, "42", "wrong_type"},
      {birth_topic, "null", "wrong_type"},
      {birth_topic, "\"birth\"", "wrong_type"},
      {birth_topic, std::string(1 << 20, ' '), "too_large"},
      {birth_topic, std::string(300 * 1024, '['), "too_large"},
      {birth_topic, std::string(100, '[') + std::string(100, ']'), "too_deep"},
      {topic(a, "evil", "bogus"), birth.dump(), "bad_topic"},
      {topic("UPPER", "evil", "birth"), birth.dump(), "bad_topic"},
      {topic(a, "Evil!", "birth"), birth.dump(), "bad_topic"},
      {birth_topic, mutated(birth, [](json& j) { j["v"] = 2; }), "unknown_version"},
      {birth_topic, mutated(birth, [](json& j) { j["kind"] = "data"; }), "wrong_kind"},
      {birth_topic, mutated(birth, [](json& j) { j["center"] = "ks-aicc"; }), "topic_mismatch"},
      {birth_topic, mutated(birth, [](json& j) { j["node"] = "other"; }), "topic_mismatch"},
      {birth_topic, mutated(birth, [](json& j) { j["boot"] = -1; }), "wrong_type"},
      {birth_topic, mutated(birth, [](json& j) { j["boot"] = 1.5; }), "wrong_type"},
      {birth_topic, mutated(birth, [](json& j) { j["seq"] = "7"; }), "wrong_type"},
      {birth_topic, mutated(birth, [](json& j) { j["devices"] = json::object(); }), "wrong_type"},
      {birth_topic, mutated(birth, [](json& j) { j["devices"][1]["id"] = "g0"; }), "duplicate_id"},
      {birth_topic, mutated(birth, [](json& j) { j["devices"][0]["peak_tflops"]["fp4"] = 1.0; }),
       "bad_value"},
      {birth_topic,
       mutated(birth,
               [](json& j) {
                 j["devices"] = json::array();
                 for (int i = 0; i < 1025; ++i)
                   j["devices"].push_back(json{{"id", std::to_string(i)}});
               }),
       "too_many_items"},
      {data_topic, mutated(data, [](json& j) { j["devices"][0]["activity_mean"] = 1.5; }),
       "bad_value"},
      {data_topic, mutated(data, [](json& j) { j["totals"]["healthy_devices"] = 99; }),
       "bad_value"},
      {data_topic,
       mutated(data,
               [](json& j) {
                 j["window"]["end_ms"] = j["window"]["start_ms"].get<std::uint64_t>() - 1;
               }),
       "bad_value"},
      {data_topic, mutated(data, [](json& j) { j["devices"][0]["method"] = "guess"; }),
       "bad_value"},
      {data_topic, mutated(data, [](json& j) { j["devices"][0]["healthy"] = "yes"; }),
       "wrong_type"},
      {topic(a, "evil", "status"),
       R"({"v":1,"kind":"status","center":"sz-aicc","node":"evil","boot":1,"seq":0,"ts_ms":1,"online":"yes"})",
       "wrong_type"},
      {topic(a, "evil", "cmd"),
       R"({"v":1,"kind":"cmd","center":"sz-aicc","node":"evil","ts_ms":1,"cmd":"rebirth"})",
       "unexpected_kind"},
  };
  for (const char* field : {"v", "kind", "center", "node", "boot", "seq", "ts_ms"}) {
    out.push_back({birth_topic, mutated(birth, [&](json& j) { j.erase(field); }), "missing_field"});
    out.push_back(
        {birth_topic, mutated(birth, [&](json& j) { j[field] = nullptr; }), "wrong_type"});
  }
  for (Precision p : kAllPrecisions) {
    std::string key(to_string(p));
    out.push_back({birth_topic,
                   mutated(birth, [&](json& j) { j["devices"][0]["peak_tflops"][key] = -1; }),
                   "bad_value"});
  }
  return out;
}

TEST_F(IngestService, HostileBarrageIsCountedByReasonAndChangesNothing) {
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100)};
  send(kCenterA, "good", "birth",
       wire::encode(fx::birth(fx::header(kCenterA, "good", 1, 0), devices)));
  send(kCenterA, "good", "data",
       wire::encode(fx::data(fx::header(kCenterA, "good", 1, 1), devices, 0.5)));
  ASSERT_EQ(stats_when(
                [](const json& s) { return s["outcomes"]["applied"] == 2; })["outcomes"]["applied"],
            2);
  const json before = without_time(central_->get_json("/api/v1/indicator").value());

  const std::vector<Hostile> barrage = hostile_messages();
  ASSERT_GE(barrage.size(), 50u);
  std::map<std::string, std::uint64_t> expected;
  for (const Hostile& h : barrage) {
    ASSERT_TRUE(publisher_->publish(h.topic, h.payload)) << h.topic;
    ++expected[h.reason];
  }
  json stats = stats_when([&](const json& s) { return s["rejected_total"] == barrage.size(); });
  ASSERT_EQ(stats["rejected_total"], barrage.size()) << stats.dump();
  EXPECT_EQ(sum_of(stats["rejected"]), barrage.size());
  for (const auto& [reason, n] : expected)
    EXPECT_EQ(stats["rejected"].value(reason, 0u), n) << reason << " in " << stats["rejected"];

  EXPECT_TRUE(central_->alive());
  EXPECT_EQ(central_->get("/healthz").status, 200);
  EXPECT_EQ(without_time(central_->get_json("/api/v1/indicator").value()), before);
  EXPECT_EQ(stats["nodes"], 1);

  test::HttpReply metrics = central_->get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  std::uint64_t metric_sum = 0;
  std::istringstream lines(metrics.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("suanli_messages_rejected_total{"))
      metric_sum += std::stoull(line.substr(line.rfind(' ') + 1));
  }
  EXPECT_EQ(metric_sum, barrage.size());
}

class HttpIngestService : public IngestService {
 protected:
  void SetUp() override {
    json cfg = central_config(dir_, broker_.uri());
    enable_http_ingest(cfg, dir_);
    central_ = std::make_unique<Central>(dir_, cfg);
    ASSERT_TRUE(central_->ready()) << central_->err();
    publisher_ = std::make_unique<WirePublisher>(broker_);
  }
};

TEST_F(HttpIngestService, TokenBatchesAndTheSameIndicatorAsMqtt) {
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100), fx::accelerator("g1", 7)};
  auto batch_for = [&](const std::string& center, const std::string& node) {
    return json{{"v", 1},
                {"messages",
                 {parsed(wire::encode(fx::birth(fx::header(center, node, 1, 0), devices))),
                  parsed(wire::encode(fx::data(fx::header(center, node, 1, 1), devices, 0.25)))}}}
        .dump();
  };
  const std::string auth = std::string("Authorization: Bearer ") + kTokenA;
  const std::string batch = batch_for(kCenterA, "via-http");

  EXPECT_EQ(central_->post("/api/v1/ingest", batch).status, 401);
  EXPECT_EQ(central_->post("/api/v1/ingest", batch, {"Authorization: Bearer wrong"}).status, 401);
  EXPECT_EQ(central_->get_json("/api/v1/nodes").value()["nodes"].size(), 0u);

  for (const std::string& bad :
       {std::string("not json"), std::string(R"({"v":1,"messages":[]})"),
        std::string(R"({"v":2,"messages":[{}]})"), std::string(R"({"v":1,"messages":{}})")}) {
    EXPECT_EQ(central_->post("/api/v1/ingest", bad, {auth}).status, 400) << bad;
  }

  test::HttpReply reply = central_->post("/api/v1/ingest", batch, {auth});
  ASSERT_EQ(reply.status, 200) << reply.body;
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u) << nodes.dump();
  EXPECT_EQ(nodes["nodes"][0]["node"], "via-http");
  EXPECT_EQ(nodes["nodes"][0]["state"], "online");

  // The same messages of another node, in the other center, over MQTT: the same figures.
  send(kCenterB, "via-mqtt", "birth",
       wire::encode(fx::birth(fx::header(kCenterB, "via-mqtt", 1, 0), devices)));
  send(kCenterB, "via-mqtt", "data",
       wire::encode(fx::data(fx::header(kCenterB, "via-mqtt", 1, 1), devices, 0.25)));
  json stats = stats_when([](const json& st) { return st["accepted"]["data"] == 2; });
  ASSERT_EQ(stats["accepted"]["data"], 2) << stats.dump();
  json ind = central_->get_json("/api/v1/indicator").value();
  ASSERT_EQ(ind["counts"]["nodes"]["online"], 2) << ind.dump();
  const json* by_http = nullptr;
  const json* by_mqtt = nullptr;
  for (const json& c : ind["centers"]) {
    if (c["id"] == kCenterA) by_http = &c;
    if (c["id"] == kCenterB) by_mqtt = &c;
  }
  ASSERT_TRUE(by_http && by_mqtt);
  for (const char* figure : {"installed_pflops", "live_pflops", "achieved_pflops"})
    EXPECT_EQ((*by_http)["all_classes"][figure], (*by_mqtt)["all_classes"][figure]) << figure;
  EXPECT_DOUBLE_EQ((*by_http)["all_classes"]["installed_pflops"]["fp16"].get<double>(),
                   pflops(devices, Precision::fp16));

  // Sent again (a lost 2xx): accepted, counted as duplicates, nothing moves.
  const json before = without_time(ind);
  ASSERT_EQ(central_->post("/api/v1/ingest", batch, {auth}).status, 200);
  stats = central_->get_json("/api/v1/stats").value();
  EXPECT_EQ(stats["duplicates"], 1) << stats.dump();
  EXPECT_EQ(without_time(central_->get_json("/api/v1/indicator").value()), before);
}

// A token posts only for its own center: kTokenA with a message of kCenterB is refused whole.
TEST_F(HttpIngestService, AnotherCentersMessageIs403AndCountedAsIdentityMismatch) {
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100)};
  auto message = [&](const std::string& center, const std::string& node) {
    return parsed(wire::encode(fx::birth(fx::header(center, node, 1, 0), devices)));
  };
  auto batch = [](const std::vector<json>& messages) {
    return json{{"v", 1}, {"messages", messages}}.dump();
  };
  const std::string as_a = std::string("Authorization: Bearer ") + kTokenA;
  const std::string as_b = std::string("Authorization: Bearer ") + kTokenB;
  ASSERT_EQ(central_->post("/api/v1/ingest", batch({message(kCenterA, "a1")}), {as_a}).status, 200);
  const json before = without_time(central_->get_json("/api/v1/indicator").value());

  test::HttpReply refused = central_->post(
      "/api/v1/ingest", batch({message(kCenterA, "a2"), message(kCenterB, "b1")}), {as_a});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find(kCenterB), std::string::npos) << refused.body;
  json stats = central_->get_json("/api/v1/stats").value();
  EXPECT_EQ(stats["rejected"]["identity_mismatch"], 1) << stats.dump();
  EXPECT_EQ(without_time(central_->get_json("/api/v1/indicator").value()), before);
  EXPECT_EQ(central_->get_json("/api/v1/nodes").value()["nodes"].size(), 1u);
  EXPECT_NE(central_->get("/metrics")
                .body.find(R"(suanli_messages_rejected_total{reason="identity_mismatch"} 1)"),
            std::string::npos);
  EXPECT_NE(central_->err().find("identity_mismatch (token sz-agents may not post for center"),
            std::string::npos)
      << central_->err();
  std::vector<json> mismatches;
  const json anomalies = central_->get_json("/api/v1/anomalies").value();
  for (const json& a : anomalies["anomalies"]) {
    if (a["kind"] == "identity_mismatch") mismatches.push_back(a);
  }
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_EQ(mismatches[0]["center"], kCenterB);
  EXPECT_EQ(mismatches[0]["node"], "b1");

  // kCenterB's own token posts the same message.
  EXPECT_EQ(central_->post("/api/v1/ingest", batch({message(kCenterB, "b1")}), {as_b}).status, 200);
  EXPECT_EQ(central_->get_json("/api/v1/nodes").value()["nodes"].size(), 2u);
}

// A real agent with http.url set posts its messages to the ingest endpoint (protocol.md §12).
TEST_F(HttpIngestService, ARealAgentPostsToTheIngestEndpoint) {
  test::TempDir agent_dir;
  json cfg = service_test::base_config(agent_dir, broker_.uri(), 2);
  cfg.erase("mqtt");
  cfg["http"] = {{"url", central_->url("/api/v1/ingest")},
                 {"token_file", agent_dir.write("token", kTokenA)},
                 {"retry_min_ms", 200},
                 {"retry_max_ms", 1000}};
  service_test::Agent agent(agent_dir, service_test::write_config(agent_dir, cfg));

  json ind = central_->poll("/api/v1/indicator", [](const json& d) {
    return d["counts"]["nodes"]["online"] == 1 && d["headline"]["live_pflops"].get<double>() > 0 &&
           d["headline"]["achieved_pflops"].get<double>() > 0;
  });
  ASSERT_EQ(ind["counts"]["nodes"]["online"], 1) << ind.dump() << agent.err();
  EXPECT_EQ(ind["headline"]["live_pflops"], ind["headline"]["installed_pflops"]);
  EXPECT_EQ(ind["counts"]["devices"], 2);
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u);
  EXPECT_EQ(nodes["nodes"][0]["node"], "sim-01");
  json stats = central_->get_json("/api/v1/stats").value();
  EXPECT_EQ(stats["rejected_total"], 0) << stats.dump();
  EXPECT_GE(stats["accepted"]["data"].get<int>(), 1);
  EXPECT_TRUE(agent.terminate());
}

// Births in 200 distinct centers, as fast as the broker takes them: central admits
// admission.new_centers_per_minute new centers a minute and refuses the rest (new_center_rate),
// which move no total; the retained indicator and /metrics list summary.max_centers centers.
TEST(AmplificationService, BirthsInManyCentersAreCappedAndTheSummariesStaySmall) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  json config = central_config(dir, broker.uri());
  config["admission"] = {{"new_centers_per_minute", 5}};
  config["summary"] = {{"max_centers", 3}};
  Central central(dir, config);
  ASSERT_TRUE(central.ready()) << central.err();
  WirePublisher publisher(broker);
  const std::vector<wire::Device> devices = {fx::accelerator("g0", 100)};
  constexpr int kCenters = 200;
  for (int i = 0; i < kCenters; ++i) {
    const std::string c = "x" + std::to_string(i);
    ASSERT_TRUE(publisher.publish(topic(c, "n1", "birth"),
                                  wire::encode(fx::birth(fx::header(c, "n1", 1, 0), devices))));
  }
  const auto refused = [](const json& s) { return s["rejected"]["new_center_rate"].get<int>(); };
  const json stats = central.poll("/api/v1/stats", [&](const json& s) {
    return s["accepted"]["birth"].get<int>() + refused(s) == kCenters;
  });
  const int admitted = stats["accepted"]["birth"].get<int>();
  ASSERT_EQ(admitted + refused(stats), kCenters) << stats.dump();
  EXPECT_GE(admitted, 5);
  EXPECT_LE(admitted, 10);  // 5 a minute: 10 when the burst spans the end of a minute
  EXPECT_EQ(stats["nodes"], admitted);

  const json indicator = central.get_json("/api/v1/indicator").value();
  EXPECT_DOUBLE_EQ(indicator["headline"]["installed_pflops"].get<double>(),
                   admitted * pflops(devices, Precision::fp16));
  EXPECT_EQ(indicator["centers"].size(), 3u);  // the two configured ones first
  EXPECT_EQ(indicator["counts"]["centers"], 2 + admitted);
  EXPECT_EQ(indicator["counts"]["centers_unlisted"], admitted - 1);

  json city;
  service_test::wait_until(
      [&] {
        auto got = test::retained_messages(broker, "suanli/v1/_city/indicator", 5s);
        city = got.empty() ? json() : json::parse(got.back().payload, nullptr, false);
        return city.is_object() && city["counts"]["centers"] == 2 + admitted;
      },
      30s);
  ASSERT_TRUE(city.is_object());
  EXPECT_EQ(city["centers"].size(), 3u) << city.dump();

  const test::HttpReply metrics = central.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  std::set<std::string> series_centers;
  std::istringstream lines(metrics.body);
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find("center=\"");
    if (line.starts_with("#") || at == std::string::npos) continue;
    series_centers.insert(line.substr(at + 8, line.find('"', at + 8) - at - 8));
  }
  EXPECT_LE(series_centers.size(), 3u);
  EXPECT_NE(metrics.body.find("suanli_centers_unlisted " + std::to_string(admitted - 1) + "\n"),
            std::string::npos);
}

}  // namespace
}  // namespace suanli::central_service_test
