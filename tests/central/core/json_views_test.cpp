// The JSON documents have the shape of docs/design.md, "HTTP API": every precision object holds
// the eight keys.

#include "central/core/json_views.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "central/core/snapshot.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;
using test::header;

using test::kT0;

std::set<std::string> keys_of(const json& j) {
  std::set<std::string> out;
  for (const auto& [k, v] : j.items())
    out.insert(k);
  return out;
}

const std::set<std::string> kPrecisionKeys = {"fp64", "fp64_tensor", "fp32", "tf32",
                                              "fp16", "bf16",        "fp8",  "int8"};
const std::set<std::string> kTotalsKeys = {
    "installed_pflops", "installed_by_confidence", "devices_unknown_peak",
    "verified_pflops",  "unverified_pflops",       "by_confidence",
    "live_pflops",      "achieved_pflops",         "achieved_by_method"};
const std::set<std::string> kMethodKeys = {"gpm_tensor", "sm_active", "busy_time", "cpu_time"};

// Every object under a *_pflops key holds exactly the eight precisions, as numbers.
int check_precision_objects(const json& j) {
  int seen = 0;
  if (j.is_array()) {
    for (const json& e : j)
      seen += check_precision_objects(e);
  }
  if (!j.is_object()) return seen;
  for (const auto& [k, v] : j.items()) {
    if (k.ends_with("_pflops") && v.is_object()) {
      EXPECT_EQ(keys_of(v), kPrecisionKeys) << k;
      for (const auto& [p, n] : v.items())
        EXPECT_TRUE(n.is_number()) << k << "." << p;
      ++seen;
    } else {
      seen += check_precision_objects(v);
    }
  }
  return seen;
}

class JsonViews : public ::testing::Test {
 protected:
  JsonViews() : registry(test::settings()) {}
  void SetUp() override {
    const std::vector<wire::Device> devs = {test::accelerator("gpu0", 10), test::cpu("cpu", 1)};
    registry.apply(test::birth(header("sz-aicc", "n1", 1, 0), devs), kT0);
    registry.apply(test::data(header("sz-aicc", "n1", 1, 0), devs), kT0);
    registry.apply(test::birth(header("wj-dc", "w1", 1, 0), devs, "吴江区"), kT0);
  }
  Registry registry;
};

TEST_F(JsonViews, IndicatorHasTheShapeOfDesign) {
  const json j = indicator_json(registry, kT0 + 5);
  EXPECT_EQ(keys_of(j), (std::set<std::string>{"v", "generated_ms", "city", "headline", "classes",
                                               "by_class", "all_classes", "energy", "quantum",
                                               "counts", "centers", "by_district"}));
  const std::set<std::string> energy_keys = {"power_kw",
                                             "devices_with_power",
                                             "devices_without_power",
                                             "devices_implausible_power",
                                             "achieved_tflops_per_kw",
                                             "installed_tflops_per_kw"};
  EXPECT_EQ(keys_of(j["energy"]), energy_keys);
  EXPECT_EQ(keys_of(j["energy"]["achieved_tflops_per_kw"]), kPrecisionKeys);
  EXPECT_EQ(keys_of(j["classes"]["general"]["energy"]), energy_keys);
  EXPECT_EQ(keys_of(j["by_district"][0]["energy"]), energy_keys);
  EXPECT_EQ(j["city"], (json{{"name", "苏州市"}, {"name_en", "Suzhou"}}));
  EXPECT_EQ(
      j["quantum"],
      (json{{"devices", 0}, {"devices_live", 0}, {"installed_qubits", 0}, {"live_qubits", 0}}));
  EXPECT_EQ(j["v"], 1);
  EXPECT_EQ(j["generated_ms"], kT0 + 5);
  EXPECT_EQ(keys_of(j["headline"]),
            (std::set<std::string>{"class", "precision", "installed_pflops", "verified_pflops",
                                   "unverified_pflops", "live_pflops", "achieved_pflops",
                                   "devices_unknown_peak", "achieved_by_method", "target_pflops",
                                   "target_year", "progress"}));
  EXPECT_EQ(keys_of(j["headline"]["achieved_by_method"]), kMethodKeys);
  EXPECT_EQ(keys_of(j["classes"]["general"]["achieved_by_method"]), kMethodKeys);
  EXPECT_EQ(keys_of(j["all_classes"]["achieved_by_method"]), kMethodKeys);
  for (const auto& [method, figures] : j["all_classes"]["achieved_by_method"].items())
    EXPECT_EQ(keys_of(figures), kPrecisionKeys) << method;
  EXPECT_TRUE(j["headline"]["installed_pflops"].is_number());
  EXPECT_EQ(j["headline"]["target_pflops"], 20000.0);
  EXPECT_EQ(j["headline"]["target_year"], 2027);
  EXPECT_EQ(keys_of(j["all_classes"]), kTotalsKeys);
  EXPECT_EQ(j["classes"]["intelligent"]["precision"], "fp16");
  EXPECT_EQ(j["classes"]["general"]["precision"], "fp32");
  EXPECT_EQ(j["classes"]["supercomputing"]["precision"], "fp64");
  EXPECT_EQ(j["classes"]["general"]["installed_pflops"],
            j["by_class"]["general"]["installed_pflops"]["fp32"]);
  EXPECT_EQ(keys_of(j["by_class"]),
            (std::set<std::string>{"intelligent", "general", "supercomputing"}));
  for (const auto& [cls, t] : j["by_class"].items())
    EXPECT_EQ(keys_of(t), kTotalsKeys) << cls;
  EXPECT_EQ(
      keys_of(j["counts"]),
      (std::set<std::string>{"centers", "centers_unlisted", "districts", "districts_unlisted",
                             "nodes", "devices", "devices_derived_peak", "devices_unknown_peak",
                             "devices_verified", "devices_corrected", "devices_unverified",
                             "devices_implausible_peak", "devices_held_elsewhere",
                             "devices_unknown_peak_by_precision", "devices_unknown_achieved"}));
  EXPECT_EQ(keys_of(j["counts"]["nodes"]),
            (std::set<std::string>{"online", "stale", "offline", "retired"}));
  EXPECT_EQ(j["counts"]["centers"], 4);  // three configured, one heard from
  EXPECT_EQ(j["counts"]["devices"], 4);
  EXPECT_EQ(j["counts"]["devices_derived_peak"], 2);
  ASSERT_EQ(j["centers"].size(), 4u);
  for (const json& c : j["centers"]) {
    for (const char* k : {"id", "name", "district", "class", "nodes", "classes", "by_class",
                          "all_classes", "energy"}) {
      EXPECT_TRUE(c.contains(k)) << c["id"] << " lacks " << k;
    }
  }
  ASSERT_EQ(j["by_district"].size(), 2u);
  EXPECT_EQ(j["by_district"][0]["district"], "gyq");
  EXPECT_EQ(j["by_district"][1]["district"], "吴江区");
  EXPECT_GE(check_precision_objects(j), 3 + 9 + 4 * 12 + 2 * 3);
}

// summary.max_centers: configured centers are listed first, then the largest; the rest counted.
TEST_F(JsonViews, IndicatorListsConfiguredCentersFirstUpToTheCap) {
  CoreSettings s = test::settings();
  s.summary_max_centers = 2;
  Registry capped(s);
  const std::vector<wire::Device> big = {test::accelerator("gpu0", 1000)};
  capped.apply(test::birth(header("wj-dc", "w1", 1, 0), big, "吴江区"), kT0);
  capped.apply(test::birth(header("xc-dc", "x1", 1, 0), big, "相城区"), kT0);
  capped.apply(test::birth(header("sz-aicc", "n1", 1, 0), {test::accelerator("gpu0", 1)}), kT0);
  const json j = indicator_json(capped, kT0);
  ASSERT_EQ(j["centers"].size(), 2u);
  EXPECT_EQ(j["centers"][0]["id"], "ks-ai");  // configured, no nodes: ranked by name
  EXPECT_EQ(j["centers"][1]["id"], "sz-aicc");
  EXPECT_EQ(j["counts"]["centers"], 5);
  EXPECT_EQ(j["counts"]["centers_unlisted"], 3);
  // Districts: the configured center's first, then the largest.
  ASSERT_EQ(j["by_district"].size(), 2u);
  EXPECT_EQ(j["by_district"][0]["district"], "gyq");
  EXPECT_EQ(j["by_district"][1]["district"], "吴江区");
  EXPECT_EQ(j["counts"]["districts"], 3);
  EXPECT_EQ(j["counts"]["districts_unlisted"], 1);
  // Every center is still served by GET /api/v1/centers.
  EXPECT_EQ(centers_json(capped)["centers"].size(), 5u);
}

TEST_F(JsonViews, IndicatorNumbersAreInPflops) {
  const json j = indicator_json(registry, kT0);
  // gpu0: fp16 = 50 TFLOPS, on two nodes; live only on the node with data.
  EXPECT_DOUBLE_EQ(j["headline"]["installed_pflops"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(j["headline"]["live_pflops"].get<double>(), 0.05);
  EXPECT_DOUBLE_EQ(j["headline"]["achieved_pflops"].get<double>(), 0.025);
  EXPECT_DOUBLE_EQ(j["headline"]["progress"].get<double>(), 0.1 / 20000);
  EXPECT_DOUBLE_EQ(j["by_class"]["general"]["installed_pflops"]["fp64"].get<double>(), 0.002);
}

TEST_F(JsonViews, CentersListsConfiguredAndHeardFrom) {
  const json j = centers_json(registry);
  std::set<std::string> ids;
  for (const json& c : j["centers"])
    ids.insert(c["id"]);
  EXPECT_EQ(ids, (std::set<std::string>{"ks-ai", "sz-aicc", "sz-scc", "wj-dc"}));
  const auto aicc = center_json(registry, "sz-aicc");
  ASSERT_TRUE(aicc);
  EXPECT_EQ((*aicc)["name"], "苏州市人工智能算力中心");
  EXPECT_EQ((*aicc)["district"], "gyq");
  EXPECT_EQ((*aicc)["nodes"]["online"], 1);
  EXPECT_EQ((*aicc)["node_ids"], json::array({"n1"}));
  const auto wj = center_json(registry, "wj-dc");
  ASSERT_TRUE(wj);
  EXPECT_EQ((*wj)["name"], "wj-dc");
  EXPECT_EQ((*wj)["district"], "吴江区");
  EXPECT_EQ((*center_json(registry, "sz-scc"))["class"], "supercomputing");
  EXPECT_FALSE(center_json(registry, "nowhere"));
}

TEST_F(JsonViews, NodesCanBeFilteredByCenter) {
  EXPECT_EQ(nodes_json(registry, {})["nodes"].size(), 2u);
  const json j = nodes_json(registry, {.center = "wj-dc", .after = {}, .limit = kDefaultNodesPage});
  ASSERT_EQ(j["nodes"].size(), 1u);
  const json& n = j["nodes"][0];
  EXPECT_EQ(n["node"], "w1");
  EXPECT_EQ(n["state"], "online");
  EXPECT_EQ(n["boot"], 1);
  EXPECT_TRUE(n["last_seq"].is_null());
  EXPECT_EQ(n["interval_ms"], 10000);
  EXPECT_EQ(n["devices"], 2);
  EXPECT_EQ(keys_of(n["all_classes_installed_pflops"]), kPrecisionKeys);
  EXPECT_EQ(n["classes"]["intelligent"]["precision"], "fp16");
  EXPECT_EQ(n["devices_held_elsewhere"], 0);
  EXPECT_EQ(
      nodes_json(registry, {.center = "sz-scc", .after = {}, .limit = kDefaultNodesPage})["nodes"]
          .size(),
      0u);
}

TEST_F(JsonViews, SnapshotForHistoryHoldsCityAndCenters) {
  const HistorySnapshot s = snapshot_for_history(registry, kT0 + 60000);
  EXPECT_EQ(s.city, registry.indicator().city().contribution);
  EXPECT_EQ(s.centers.size(), 2u);
  const json j = snapshot_json(s);
  EXPECT_EQ(j["ts_ms"], kT0 + 60000);
  EXPECT_EQ(keys_of(j["centers"]), (std::set<std::string>{"sz-aicc", "wj-dc"}));
  EXPECT_EQ(keys_of(j["city"]["by_class"]),
            (std::set<std::string>{"intelligent", "general", "supercomputing"}));
  EXPECT_GT(check_precision_objects(j), 0);
}

}  // namespace
}  // namespace suanli::central
