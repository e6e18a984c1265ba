// Three real agents with simulated devices in two centers, one central, one Mosquitto: the
// indicator equals the catalog's peaks; stale and offline transitions; /metrics.

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <cmath>
#include <csignal>
#include <map>
#include <memory>
#include <sstream>

#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"
#include "collectors/sim/sim_backend.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Units of central's exact arithmetic: 1 MFLOPS, each device's figure rounded once.
using PrecisionSums = std::array<std::int64_t, kPrecisionCount>;

struct SimNode {
  std::string center;
  std::string node;
  std::string model;
  int count;
};

const std::vector<SimNode> kNodes = {{kCenterA, "gpu-h100", "H100 SXM5 80GB", 2},
                                     {kCenterA, "gpu-a100", "A100 SXM4 80GB", 3},
                                     {kCenterB, "gpu-l40s", "L40S 48GB", 4}};

// One simulated device's peaks as the agent resolves them: the catalog row named by the model,
// reported with that row's PCI id and unit count.
PrecisionMap catalog_peaks(const std::string& model) {
  static const Catalog catalog = Catalog::builtin().value();
  DeviceIdentity identity;
  identity.name = model;
  auto match = catalog.find(identity);
  if (!match) throw std::runtime_error("not in the catalog: " + model);
  if (!match->row->pci_ids.empty()) identity.pci_id = match->row->pci_ids.front();
  identity.units = match->row->units;
  return resolve_peaks(catalog, identity, {}).peak_tflops;
}

PrecisionSums sums_of(const std::vector<SimNode>& nodes) {
  PrecisionSums sums{};
  for (const SimNode& n : nodes) {
    PrecisionMap peaks = catalog_peaks(n.model);
    for (Precision p : kAllPrecisions) {
      if (peaks[p]) sums[static_cast<std::size_t>(p)] += n.count * std::llround(*peaks[p] * 1e6);
    }
  }
  return sums;
}

std::vector<SimNode> nodes_where(const std::function<bool(const SimNode&)>& keep) {
  std::vector<SimNode> out;
  for (const SimNode& n : kNodes) {
    if (keep(n)) out.push_back(n);
  }
  return out;
}

// Every precision of `figures` ({"fp16": PFLOPS, ...}) equals `sums`, up to the JSON's rounding.
void expect_figures(const json& figures, const PrecisionSums& sums, const std::string& what) {
  for (Precision p : kAllPrecisions) {
    std::string key(to_string(p));
    ASSERT_TRUE(figures.contains(key)) << what << " lacks " << key;
    double expected = static_cast<double>(sums[static_cast<std::size_t>(p)]) / 1e9;
    EXPECT_DOUBLE_EQ(figures.at(key).get<double>(), expected) << what << "." << key;
  }
}

const json* center_of(const json& indicator, const std::string& id) {
  for (const json& c : indicator.at("centers")) {
    if (c.at("id") == id) return &c;
  }
  return nullptr;
}

double fp16(const PrecisionSums& sums) {
  return static_cast<double>(sums[static_cast<std::size_t>(Precision::fp16)]) / 1e9;
}

class CentralWithAgents : public ::testing::Test {
 protected:
  void SetUp() override {
    central_ = std::make_unique<Central>(dir_, central_config(dir_, broker_.uri()));
    ASSERT_TRUE(central_->ready()) << central_->err();
    for (const SimNode& n : kNodes) {
      auto& dir = agent_dirs_.emplace_back(std::make_unique<test::TempDir>());
      json cfg = service_test::base_config(*dir, broker_.uri());
      cfg["center"] = n.center;
      cfg["node"] = n.node;
      cfg["mqtt"]["keepalive_s"] = 60;  // a stopped agent's Last Will comes long after stale
      cfg["collectors"]["sim"]["devices"] = json::array({{{"model", n.model}, {"count", n.count}}});
      agents_.push_back(
          std::make_unique<service_test::Agent>(*dir, service_test::write_config(*dir, cfg)));
    }
    json indicator = central_->poll("/api/v1/indicator", [](const json& doc) {
      return doc["counts"]["nodes"]["online"] == 3 &&
             doc["all_classes"]["live_pflops"]["fp16"] ==
                 doc["all_classes"]["installed_pflops"]["fp16"] &&
             doc["all_classes"]["live_pflops"]["fp16"].get<double>() > 0;
    });
    ASSERT_EQ(indicator["counts"]["nodes"]["online"], 3) << indicator.dump() << central_->err();
  }

  void TearDown() override {
    for (auto& agent : agents_)
      agent->process.signal(SIGCONT);
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  std::unique_ptr<Central> central_;
  std::vector<std::unique_ptr<test::TempDir>> agent_dirs_;
  std::vector<std::unique_ptr<service_test::Agent>> agents_;
};

TEST_F(CentralWithAgents, IndicatorEqualsTheCatalogPeaksOfTheDevices) {
  const PrecisionSums all = sums_of(kNodes);
  json ind = central_->get_json("/api/v1/indicator").value();

  expect_figures(ind["all_classes"]["installed_pflops"], all, "totals.installed");
  expect_figures(ind["all_classes"]["live_pflops"], all, "totals.live");
  expect_figures(ind["by_class"]["intelligent"]["installed_pflops"], all, "intelligent.installed");
  expect_figures(ind["by_class"]["intelligent"]["live_pflops"], all, "intelligent.live");
  expect_figures(ind["by_class"]["general"]["installed_pflops"], PrecisionSums{},
                 "general.installed");
  for (const char* center : {kCenterA, kCenterB}) {
    const json* c = center_of(ind, center);
    ASSERT_NE(c, nullptr) << center;
    PrecisionSums sums = sums_of(nodes_where([&](const SimNode& n) { return n.center == center; }));
    expect_figures((*c)["all_classes"]["installed_pflops"], sums,
                   std::string(center) + ".installed");
    expect_figures((*c)["all_classes"]["live_pflops"], sums, std::string(center) + ".live");
  }
  EXPECT_EQ(center_of(ind, kCenterA)->at("district"), "xiangcheng");
  EXPECT_EQ(center_of(ind, kCenterB)->at("district"), "kunshan");

  const json& head = ind["headline"];
  EXPECT_EQ(head["class"], "intelligent");
  EXPECT_EQ(head["precision"], "fp16");
  EXPECT_DOUBLE_EQ(head["installed_pflops"].get<double>(), fp16(all));
  EXPECT_DOUBLE_EQ(head["live_pflops"].get<double>(), fp16(all));
  EXPECT_GE(head["achieved_pflops"].get<double>(), 0.0);
  EXPECT_LE(head["achieved_pflops"].get<double>(), fp16(all));
  EXPECT_DOUBLE_EQ(head["progress"].get<double>(), fp16(all) / head["target_pflops"].get<double>());
  EXPECT_EQ(ind["counts"]["devices"], 2 + 3 + 4);
  EXPECT_EQ(ind["counts"]["devices_unknown_peak"], 0);
  EXPECT_EQ(ind["counts"]["centers"], 2);
}

TEST_F(CentralWithAgents, KilledAgentGoesOfflineStoppedAgentGoesStaleBothStayInstalled) {
  agents_[0]->process.signal(SIGKILL);  // gpu-h100: its Last Will says offline
  agents_[1]->process.signal(SIGSTOP);  // gpu-a100: no more data, connection still open

  json ind = central_->poll("/api/v1/indicator", [](const json& doc) {
    const json& n = doc["counts"]["nodes"];
    return n["online"] == 1 && n["stale"] == 1 && n["offline"] == 1;
  });
  const json& counts = ind["counts"]["nodes"];
  ASSERT_EQ(counts["online"], 1) << ind.dump();
  EXPECT_EQ(counts["stale"], 1);
  EXPECT_EQ(counts["offline"], 1);

  json nodes = central_->get_json("/api/v1/nodes").value();
  std::map<std::string, std::string> state;
  for (const json& n : nodes["nodes"])
    state[n["node"].get<std::string>()] = n["state"].get<std::string>();
  EXPECT_EQ(state["gpu-h100"], "offline") << nodes.dump();
  EXPECT_EQ(state["gpu-a100"], "stale");
  EXPECT_EQ(state["gpu-l40s"], "online");

  expect_figures(ind["all_classes"]["installed_pflops"], sums_of(kNodes), "installed");
  PrecisionSums live = sums_of(nodes_where([](const SimNode& n) { return n.node == "gpu-l40s"; }));
  expect_figures(ind["all_classes"]["live_pflops"], live, "live");
  const json* a = center_of(ind, kCenterA);
  ASSERT_NE(a, nullptr);
  expect_figures((*a)["all_classes"]["live_pflops"], PrecisionSums{}, "sz-aicc.live");
  expect_figures((*a)["all_classes"]["installed_pflops"],
                 sums_of(nodes_where([](const SimNode& n) { return n.center == kCenterA; })),
                 "sz-aicc.installed");

  agents_[1]->process.signal(SIGCONT);  // data again: online again
  ind = central_->poll("/api/v1/indicator",
                       [](const json& doc) { return doc["counts"]["nodes"]["online"] == 2; });
  EXPECT_EQ(ind["counts"]["nodes"]["online"], 2) << ind.dump();
  EXPECT_EQ(ind["counts"]["nodes"]["stale"], 0);
}

// `name{labels} value` lines; the labels of each sample by family.
struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

std::optional<PromSample> parse_prom_line(const std::string& line) {
  PromSample s;
  std::size_t i = 0;
  while (i < line.size() &&
         (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == ':'))
    ++i;
  if (i == 0) return std::nullopt;
  s.name = line.substr(0, i);
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (i < line.size() && line[i] != '}') {
      std::size_t eq = line.find('=', i);
      if (eq == std::string::npos || eq + 1 >= line.size() || line[eq + 1] != '"')
        return std::nullopt;
      std::string key = line.substr(i, eq - i);
      std::string value;
      std::size_t j = eq + 2;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '\\' && j + 1 < line.size()) ++j;
        value += line[j];
      }
      if (j >= line.size()) return std::nullopt;
      s.labels[key] = value;
      i = j + 1;
      if (i < line.size() && line[i] == ',') ++i;
    }
    if (i >= line.size()) return std::nullopt;
    ++i;
  }
  if (i >= line.size() || line[i] != ' ') return std::nullopt;
  std::istringstream rest(line.substr(i + 1));
  if (!(rest >> s.value)) return std::nullopt;
  std::string trailing;
  if (rest >> trailing) return std::nullopt;
  return s;
}

TEST_F(CentralWithAgents, MetricsArePrometheusTextAndAgreeWithTheApi) {
  json ind = central_->get_json("/api/v1/indicator").value();
  test::HttpReply reply = central_->get("/metrics");
  ASSERT_EQ(reply.status, 200);

  std::istringstream text(reply.body);
  std::string line;
  std::map<std::string, std::vector<PromSample>> families;
  int lines = 0;
  while (std::getline(text, line)) {
    if (line.empty() || line[0] == '#') continue;
    ++lines;
    auto sample = parse_prom_line(line);
    ASSERT_TRUE(sample.has_value()) << "not name{labels} value: " << line;
    families[sample->name].push_back(*sample);
  }
  EXPECT_GT(lines, 0);
  for (const char* family :
       {"suanli_installed_pflops", "suanli_live_pflops", "suanli_achieved_pflops"}) {
    ASSERT_TRUE(families.contains(family)) << family;
    for (const PromSample& s : families[family]) {
      for (const char* label : {"center", "district", "class", "precision"})
        EXPECT_TRUE(s.labels.contains(label)) << family << " lacks " << label;
    }
  }
  double installed = 0;
  for (const PromSample& s : families["suanli_installed_pflops"]) {
    if (s.labels.at("class") == "intelligent" && s.labels.at("precision") == "fp16")
      installed += s.value;
  }
  EXPECT_NEAR(installed, ind["headline"]["installed_pflops"].get<double>(), 1e-9);
  EXPECT_DOUBLE_EQ(ind["headline"]["installed_pflops"].get<double>(), fp16(sums_of(kNodes)));

  // Simulated devices draw simulated power (collectors/sim): all nine live devices report it, so
  // none is counted without power, and the city's draw lies between their idle and full draw.
  double limits_kw = 0;
  for (const SimNode& n : kNodes)
    limits_kw += n.count * collectors::sim::power_limit_w(catalog_peaks(n.model)[Precision::fp16]);
  limits_kw /= 1000;
  EXPECT_EQ(ind["energy"]["devices_with_power"], 9) << ind["energy"].dump();
  EXPECT_EQ(ind["energy"]["devices_without_power"], 0);
  EXPECT_GE(ind["energy"]["power_kw"].get<double>(), 0.2 * limits_kw - 1e-9);
  EXPECT_LE(ind["energy"]["power_kw"].get<double>(), limits_kw + 1e-9);
  EXPECT_TRUE(ind["energy"]["achieved_tflops_per_kw"]["fp16"].is_number());
  EXPECT_EQ((*center_of(ind, kCenterB))["energy"]["devices_with_power"], 4);
  for (const char* family : {"suanli_power_kw", "suanli_energy_kwh_total"}) {
    ASSERT_FALSE(families[family].empty()) << family;
    for (const PromSample& s : families[family]) {
      for (const char* label : {"center", "district", "class"})
        EXPECT_TRUE(s.labels.contains(label)) << family << " lacks " << label;
      EXPECT_GE(s.value, 0) << family;
    }
  }
  double metric_power_kw = 0;
  for (const PromSample& s : families["suanli_power_kw"])
    metric_power_kw += s.value;
  EXPECT_GE(metric_power_kw, 0.2 * limits_kw - 1e-9);
  EXPECT_LE(metric_power_kw, limits_kw + 1e-9);
}

}  // namespace
}  // namespace suanli::central_service_test
