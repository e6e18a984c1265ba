// Malformed and hostile messages: each is rejected, counted under its reason, and changes no
// state (the whole indicator, the nodes list and the accepted counters are as before).

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "central/core/ingest.hpp"
#include "central/core/json_views.hpp"
#include "fixtures.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;
using test::header;

using test::kT0;
const std::string kDataTopic = "suanli/v1/sz-aicc/n1/data";
const std::string kBirthTopic = "suanli/v1/sz-aicc/n1/birth";
const std::string kStatusTopic = "suanli/v1/sz-aicc/n1/status";
const std::string kCmdTopic = "suanli/v1/sz-aicc/n1/cmd";

std::vector<wire::Device> sample_devices() {
  wire::Device gpu = test::accelerator("gpu0", 10);
  return {gpu, test::slice(gpu, "gpu0-mig-1", 0.5), test::cpu("cpu", 1)};
}

json data_json() {
  return json::parse(wire::encode(test::data(header("sz-aicc", "n1", 7, 2), sample_devices())));
}
json birth_json() {
  return json::parse(wire::encode(test::birth(header("sz-aicc", "n1", 7, 0), sample_devices())));
}

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();
// Further ahead of the node's boot (7) and of the clock (kT0) than kMaxBootAhead.
constexpr std::uint64_t kFarBoot = kT0 / 1000 + kMaxBootAhead + 1;

std::string status_with_boot(std::uint64_t boot) {
  return wire::encode(test::status(header("sz-aicc", "n1", boot, 0), true));
}

struct Case {
  std::string name;
  std::string topic;
  std::string payload;
  std::string reason;
};

Case data_case(std::string name, const std::function<void(json&)>& edit, std::string reason) {
  json j = data_json();
  edit(j);
  return Case{std::move(name), kDataTopic, j.dump(), std::move(reason)};
}

Case birth_case(std::string name, const std::function<void(json&)>& edit, std::string reason) {
  json j = birth_json();
  edit(j);
  return Case{std::move(name), kBirthTopic, j.dump(), std::move(reason)};
}

Case raw(std::string name, std::string payload, std::string reason) {
  return Case{std::move(name), kDataTopic, std::move(payload), std::move(reason)};
}

std::string nested(int depth) {
  return R"({"v":1,"x":)" + std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']') + "}";
}

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

json many_devices(std::size_t n) {
  json list = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    list.push_back({{"id", "d" + std::to_string(i)},
                    {"healthy", false},
                    {"method", "none"},
                    {"achieved_tflops", json::object()}});
  }
  return list;
}

std::vector<Case> cases() {
  const std::string data = data_json().dump();
  return {
      raw("empty payload", "", "invalid_json"),
      raw("not json", "hello", "invalid_json"),
      raw("truncated", data.substr(0, data.size() / 2), "invalid_json"),
      raw("trailing bytes", data + "x", "invalid_json"),
      raw("two documents", data + data, "invalid_json"),
      raw("repeated key", replace_once(data, "{", R"({"v":1,)"), "invalid_json"),
      raw("invalid utf-8", replace_once(data, R"("n1")", "\"n1\xff\""), "invalid_json"),
      raw("lone surrogate", replace_once(data, R"("n1")", R"("n1\ud800")"), "invalid_json"),
      raw("number beyond double",
          replace_once(data, R"("dropped_total":0)", R"("dropped_total":1e999)"), "invalid_json"),
      raw("NaN literal", replace_once(data, R"("dropped_total":0)", R"("dropped_total":NaN)"),
          "invalid_json"),
      raw("Infinity literal",
          replace_once(data, R"("dropped_total":0)", R"("dropped_total":Infinity)"),
          "invalid_json"),
      raw("nul byte", data.substr(0, 10) + std::string(1, '\0') + data.substr(10), "invalid_json"),
      raw("array payload", "[]", "wrong_type"),
      raw("null payload", "null", "wrong_type"),
      raw("number payload", "42", "wrong_type"),
      raw("string payload", R"("data")", "wrong_type"),
      raw("nested 17 deep", nested(17), "too_deep"),
      raw("nested 10000 deep", nested(10000), "too_deep"),
      raw("1 MiB payload", std::string(1024 * 1024, ' ') + data, "too_large"),
      raw("256 KiB + 1", data + std::string(256 * 1024 + 1 - data.size(), ' '), "too_large"),
      data_case(
          "v missing", [](json& j) { j.erase("v"); }, "missing_field"),
      data_case(
          "v 2", [](json& j) { j["v"] = 2; }, "unknown_version"),
      data_case(
          "v string", [](json& j) { j["v"] = "1"; }, "wrong_type"),
      data_case(
          "kind birth on data topic", [](json& j) { j["kind"] = "birth"; }, "wrong_kind"),
      data_case(
          "kind hist on data topic", [](json& j) { j["kind"] = "hist"; }, "wrong_kind"),
      data_case(
          "kind unknown", [](json& j) { j["kind"] = "bogus"; }, "wrong_kind"),
      data_case(
          "center differs from topic", [](json& j) { j["center"] = "sz-scc"; }, "topic_mismatch"),
      data_case(
          "node differs from topic", [](json& j) { j["node"] = "n2"; }, "topic_mismatch"),
      data_case(
          "center not an id", [](json& j) { j["center"] = "SZ AICC"; }, "bad_id"),
      data_case(
          "negative boot", [](json& j) { j["boot"] = -1; }, "wrong_type"),
      data_case(
          "fractional seq", [](json& j) { j["seq"] = 1.5; }, "wrong_type"),
      data_case(
          "seq over 2^64", [](json& j) { j["seq"] = 1e20; }, "wrong_type"),
      data_case(
          "seq 2^64 - 1", [](json& j) { j["seq"] = kU64Max; }, "bad_value"),
      data_case(
          "boot 2^64 - 1", [](json& j) { j["boot"] = kU64Max; }, "bad_value"),
      data_case(
          "seq over 2^53", [](json& j) { j["seq"] = wire::kMaxCounter + 1; }, "bad_value"),
      data_case(
          "boot too far ahead", [](json& j) { j["boot"] = kFarBoot; }, "boot_too_far"),
      birth_case(
          "birth boot too far ahead", [](json& j) { j["boot"] = kFarBoot; }, "boot_too_far"),
      Case{"status boot 2^64 - 1", kStatusTopic, status_with_boot(kU64Max), "bad_value"},
      Case{"status boot too far ahead", kStatusTopic, status_with_boot(kFarBoot), "boot_too_far"},
      data_case(
          "ts_ms string", [](json& j) { j["ts_ms"] = "now"; }, "wrong_type"),
      data_case(
          "ts_ms null", [](json& j) { j["ts_ms"] = nullptr; }, "wrong_type"),
      data_case(
          "interval 0", [](json& j) { j["interval_ms"] = 0; }, "bad_value"),
      data_case(
          "interval missing", [](json& j) { j.erase("interval_ms"); }, "missing_field"),
      data_case(
          "window ends before it starts",
          [](json& j) { j["window"]["end_ms"] = j["window"]["start_ms"].get<std::uint64_t>() - 1; },
          "bad_value"),
      data_case(
          "window missing", [](json& j) { j.erase("window"); }, "missing_field"),
      data_case(
          "devices an object", [](json& j) { j["devices"] = json::object(); }, "wrong_type"),
      data_case(
          "1025 devices", [](json& j) { j["devices"] = many_devices(1025); }, "too_many_items"),
      data_case(
          "device id repeated", [](json& j) { j["devices"][1]["id"] = "gpu0"; }, "duplicate_id"),
      data_case(
          "device id empty", [](json& j) { j["devices"][0]["id"] = ""; }, "bad_id"),
      data_case(
          "device id 200 chars", [](json& j) { j["devices"][0]["id"] = std::string(200, 'a'); },
          "bad_id"),
      data_case(
          "healthy a string", [](json& j) { j["devices"][0]["healthy"] = "yes"; }, "wrong_type"),
      data_case(
          "method unknown", [](json& j) { j["devices"][0]["method"] = "magic"; }, "bad_value"),
      data_case(
          "activity over 1", [](json& j) { j["devices"][0]["activity_mean"] = 1.5; }, "bad_value"),
      data_case(
          "activity negative", [](json& j) { j["devices"][0]["activity_max"] = -0.1; },
          "bad_value"),
      data_case(
          "activity with method none",
          [](json& j) {
            j["devices"][0]["method"] = "none";
            j["devices"][0]["achieved_tflops"] = json::object();
          },
          "bad_value"),
      data_case(
          "negative achieved", [](json& j) { j["devices"][2]["achieved_tflops"]["fp64"] = -1; },
          "bad_value"),
      data_case(
          "sparse precision key", [](json& j) { j["devices"][2]["achieved_tflops"]["fp4"] = 1; },
          "bad_value"),
      data_case(
          "achieved a string", [](json& j) { j["devices"][2]["achieved_tflops"]["fp64"] = "1"; },
          "wrong_type"),
      data_case(
          "achieved null", [](json& j) { j["devices"][2]["achieved_tflops"] = nullptr; },
          "wrong_type"),
      data_case(
          "healthy over devices", [](json& j) { j["totals"]["healthy_devices"] = 99; },
          "bad_value"),
      data_case(
          "totals missing", [](json& j) { j.erase("totals"); }, "missing_field"),
      data_case(
          "dropped_total negative", [](json& j) { j["dropped_total"] = -5; }, "wrong_type"),
      data_case(
          "spool depth exponent",
          [](json& j) { j["spool"] = json::parse(R"({"depth":1e3,"bytes":0})"); }, "wrong_type"),
      data_case(
          "publish latency negative", [](json& j) { j["publish_latency_ms"] = -1.0; }, "bad_value"),
      data_case(
          "power negative", [](json& j) { j["devices"][0]["power_w"] = -3.0; }, "bad_value"),
      birth_case(
          "share without parent", [](json& j) { j["devices"][0]["share"] = 0.5; }, "bad_value"),
      birth_case(
          "parent unknown", [](json& j) { j["devices"][1]["parent"] = "gpu9"; }, "bad_value"),
      birth_case(
          "parent without share", [](json& j) { j["devices"][1].erase("share"); }, "missing_field"),
      birth_case(
          "share over 1", [](json& j) { j["devices"][1]["share"] = 1.5; }, "bad_value"),
      birth_case(
          "peak source unknown", [](json& j) { j["devices"][0]["peak_source"] = "guess"; },
          "bad_value"),
      birth_case(
          "device class unknown", [](json& j) { j["devices"][0]["class"] = "fpga"; }, "bad_value"),
      birth_case(
          "negative peak", [](json& j) { j["devices"][0]["peak_tflops"]["fp16"] = -989.4; },
          "bad_value"),
      birth_case(
          "pci id upper case", [](json& j) { j["devices"][0]["pci_id"] = "10DE:2330"; },
          "bad_value"),
      birth_case(
          "host missing", [](json& j) { j.erase("host"); }, "missing_field"),
      birth_case(
          "birth for another center", [](json& j) { j["center"] = "sz-scc"; }, "topic_mismatch"),
      Case{
          "status online a string", kStatusTopic,
          R"({"v":1,"kind":"status","center":"sz-aicc","node":"n1","boot":7,"seq":0,"ts_ms":1,"online":"true"})",
          "wrong_type"},
      Case{"status online missing", kStatusTopic,
           R"({"v":1,"kind":"status","center":"sz-aicc","node":"n1","boot":7,"seq":0,"ts_ms":1})",
           "missing_field"},
      Case{"topic of another version", "suanli/v2/sz-aicc/n1/data", data, "bad_topic"},
      Case{"topic of an unknown kind", "suanli/v1/sz-aicc/n1/metrics", data, "bad_topic"},
      Case{"topic with a bad id", "suanli/v1/SZ/n1/data", data, "bad_topic"},
      Case{"topic one level deeper", "suanli/v1/sz-aicc/n1/data/x", data, "bad_topic"},
      Case{"empty topic", "", data, "bad_topic"},
      Case{"central state topic", "suanli/v1/_central/c1/state", R"({"online":true})",
           "reserved_topic"},
      Case{"city indicator topic", "suanli/v1/_city/indicator", "{}", "reserved_topic"},
      Case{"cmd from an agent", kCmdTopic,
           R"({"v":1,"kind":"cmd","center":"sz-aicc","node":"n1","ts_ms":1,"cmd":"rebirth"})",
           "unexpected_kind"},
      Case{"unknown command", kCmdTopic,
           R"({"v":1,"kind":"cmd","center":"sz-aicc","node":"n1","ts_ms":1,"cmd":"rm -rf"})",
           "unknown_command"},
  };
}

class IngestRejects : public ::testing::Test {
 protected:
  IngestRejects() : registry(test::settings()), ingest(registry) {}

  void SetUp() override {
    ASSERT_EQ(ingest.accept(kBirthTopic, birth_json().dump(), kT0).outcome, Outcome::applied);
    ASSERT_EQ(ingest.accept(kDataTopic, data_json().dump(), kT0 + 1).outcome, Outcome::applied);
  }

  std::string state() const {
    return indicator_json(registry, 0).dump() + nodes_json(registry, {}).dump() +
           stats_json(ingest, registry)["accepted"].dump();
  }

  Registry registry;
  Ingest ingest;
};

TEST_F(IngestRejects, EveryHostilePayloadIsCountedAndChangesNothing) {
  const std::vector<Case> all = cases();
  ASSERT_GE(all.size(), 50u);
  const std::string before = state();
  ASSERT_NE(indicator_json(registry, 0)["all_classes"]["installed_pflops"]["fp16"], 0.0);
  for (const Case& c : all) {
    const std::uint64_t count_before = ingest.rejects().by_reason().at(c.reason);
    const std::uint64_t total_before = ingest.rejects().total();
    const IngestResult r = ingest.accept(c.topic, c.payload, kT0 + 2);
    EXPECT_EQ(r.outcome, Outcome::rejected) << c.name;
    EXPECT_EQ(r.reject_reason, c.reason) << c.name << ": " << r.reject_detail;
    EXPECT_EQ(ingest.rejects().by_reason().at(c.reason), count_before + 1) << c.name;
    EXPECT_EQ(ingest.rejects().total(), total_before + 1) << c.name;
    EXPECT_FALSE(r.window) << c.name;
    EXPECT_FALSE(r.birth) << c.name;
    EXPECT_TRUE(state() == before) << c.name << " changed the state";
  }
}

// A transport's refusal (the HTTP ingest's identity check) counts like a reject of its own.
TEST_F(IngestRejects, ARefusalIsCountedByItsReasonAndChangesNothing) {
  const std::string before = state();
  EXPECT_EQ(ingest.rejects().by_reason().at(std::string(kRejectIdentityMismatch)), 0u);
  const std::uint64_t total_before = ingest.rejects().total();
  IngestResult r = ingest.refuse(kRejectIdentityMismatch, "token t may not post for center x");
  EXPECT_EQ(r.outcome, Outcome::rejected);
  EXPECT_EQ(r.reject_reason, kRejectIdentityMismatch);
  EXPECT_EQ(ingest.rejects().by_reason().at(std::string(kRejectIdentityMismatch)), 1u);
  EXPECT_EQ(ingest.rejects().total(), total_before + 1);
  EXPECT_TRUE(state() == before);
}

TEST_F(IngestRejects, ValidMessagesPassTheFrontDoor) {
  IngestResult r = ingest.accept(kDataTopic, data_json().dump(), kT0 + 2);
  EXPECT_EQ(r.outcome, Outcome::duplicate);
  json next = data_json();
  next["seq"] = 3;
  r = ingest.accept(kDataTopic, next.dump(), kT0 + 3);
  EXPECT_EQ(r.outcome, Outcome::applied);
  EXPECT_TRUE(r.window_live);
  ASSERT_TRUE(r.node);
  EXPECT_EQ(r.node->second, "n1");
  next["kind"] = "hist";
  next["seq"] = 1;
  r = ingest.accept("suanli/v1/sz-aicc/n1/hist", next.dump(), kT0 + 4);
  EXPECT_EQ(r.outcome, Outcome::history);
  ASSERT_TRUE(r.window);
  EXPECT_FALSE(r.window_live);
  r = ingest.accept(kBirthTopic, birth_json().dump(), kT0 + 5);
  EXPECT_EQ(r.outcome, Outcome::applied);
  EXPECT_TRUE(r.birth);
  const json stats = stats_json(ingest, registry);
  EXPECT_EQ(stats["accepted"]["data"], 3);
  EXPECT_EQ(stats["accepted"]["hist"], 1);
  EXPECT_EQ(stats["accepted"]["birth"], 2);
  EXPECT_EQ(stats["duplicates"], 1);
  EXPECT_EQ(stats["rejected_total"], 0);
}

// One hostile status or window must not lock the node out: later messages of its real boot and
// sequence are still accepted.
TEST_F(IngestRejects, AFarBootOrSeqIsRefusedAndTheNodesNextWindowIsAccepted) {
  for (const std::string& payload : {status_with_boot(kU64Max), status_with_boot(wire::kMaxCounter),
                                     status_with_boot(kFarBoot)}) {
    EXPECT_EQ(ingest.accept(kStatusTopic, payload, kT0 + 2).outcome, Outcome::rejected);
  }
  json far_seq = data_json();
  far_seq["seq"] = kU64Max;
  EXPECT_EQ(ingest.accept(kDataTopic, far_seq.dump(), kT0 + 2).reject_reason, "bad_value");
  EXPECT_EQ(ingest.rejects().by_reason().at("bad_value"), 2u);
  EXPECT_EQ(ingest.rejects().by_reason().at(std::string(kRejectBootTooFar)), 2u);

  json next = data_json();
  next["seq"] = 3;
  const IngestResult r = ingest.accept(kDataTopic, next.dump(), kT0 + 3);
  EXPECT_EQ(r.outcome, Outcome::applied);
  EXPECT_TRUE(r.window_live);
  EXPECT_EQ(registry.find("sz-aicc", "n1")->boot, 7u);
  EXPECT_EQ(registry.find("sz-aicc", "n1")->state, NodeState::online);
  EXPECT_EQ(stats_json(ingest, registry)["out_of_order"], 0);
}

TEST(LogRateLimit, AllowsABurstPerPeriod) {
  LogRateLimit limit(2, 1000);
  EXPECT_TRUE(limit.allow(0));
  EXPECT_TRUE(limit.allow(10));
  EXPECT_FALSE(limit.allow(20));
  EXPECT_FALSE(limit.allow(999));
  EXPECT_EQ(limit.suppressed(), 2u);
  EXPECT_TRUE(limit.allow(1000));
  EXPECT_EQ(limit.suppressed(), 0u);
}

}  // namespace
}  // namespace suanli::central
