// The dashboard's plots and layout at a desktop and a phone width, in chromium driven over the
// DevTools protocol: every plot drawn by Chart.js, no sideways scroll at 400 px, the city's name
// in the title, each center's figure the API's, each class at its own precision.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>

#include "tests/dashboard/dashboard_fixture.hpp"
#include "tests/dashboard/devtools_page.hpp"

namespace suanli::test {
namespace {

// What the page shows, read in the page: its widths, each plot's mark (charts.js), each center
// row's figures (data-value), each class row's precision, and what failed to render.
constexpr const char* kSnapshot = R"JS((() => {
  const root = document.documentElement;
  const byId = (id) => document.getElementById(id);
  const plots = {};
  for (const canvas of document.querySelectorAll('canvas')) {
    plots[canvas.id] = {points: Number(canvas.dataset.points || 0),
                        ink: Number(canvas.dataset.ink || 0),
                        shown: canvas.offsetParent !== null};
  }
  const centers = {};
  for (const row of document.querySelectorAll('#centers-table tbody tr[data-center]')) {
    centers[row.dataset.center] = {};
    for (const cell of row.querySelectorAll('td[data-series]'))
      centers[row.dataset.center][cell.dataset.series] = cell.dataset.value ?? null;
  }
  const classes = {};
  for (const row of document.querySelectorAll('#class-table tbody tr[data-class]'))
    classes[row.dataset.class] = row.children[1].textContent;
  return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth,
          title: byId('city-title').textContent, documentTitle: document.title, plots, centers,
          classes, renderError: root.dataset.renderError ?? null,
          cspViolation: root.dataset.cspViolation ?? null,
          historyLastInstalled: byId('plot-history').dataset.lastInstalled ?? null,
          powerTileHidden: byId('power-tile').hidden, quantumTileHidden: byId('quantum-tile').hidden,
          powerPlotHidden: byId('plot-power').offsetParent === null};
})())JS";

// Ready once both centers are listed and every plot that has data to show is drawn.
constexpr const char* kReady = R"JS(
  document.querySelectorAll('#centers-table tbody tr[data-center]').length === 2 &&
  ['plot-history', 'plot-trajectory', 'plot-centers', 'plot-utilization', 'plot-districts']
      .every((id) => Number(document.getElementById(id).dataset.ink) > 0))JS";

constexpr const char* kPlots[] = {"plot-history", "plot-trajectory", "plot-centers",
                                  "plot-utilization", "plot-districts"};

struct Viewport {
  int width;
  int height;
};

void PrintTo(const Viewport& v, std::ostream* os) {
  *os << v.width << "×" << v.height;
}

class DashboardAtWidth : public DashboardTest, public ::testing::WithParamInterface<Viewport> {};

TEST_P(DashboardAtWidth, EveryPlotIsDrawnAndThePageFitsTheWidth) {
  const Viewport viewport = GetParam();
  RunningCentral central(broker_);
  std::optional<json> indicator = feed_until_indicator_shows(central, expected_installed_pflops());
  ASSERT_TRUE(indicator);

  DevToolsPage page(chromium_.path(), viewport.width, viewport.height);
  page.navigate(central.url("/"));
  ASSERT_TRUE(page.wait_for(kReady, 60s))
      << page.evaluate(kSnapshot).dump(2) << "\nchromium's log:\n"
      << page.log();
  const json shown = page.evaluate(kSnapshot);
  SCOPED_TRACE(shown.dump(2));

  EXPECT_EQ(shown["renderError"], nullptr);
  EXPECT_EQ(shown["cspViolation"], nullptr);
  EXPECT_EQ(shown["innerWidth"], viewport.width);
  EXPECT_LE(shown["scrollWidth"].get<int>(), viewport.width) << "the page scrolls sideways";
  for (const char* id : kPlots) {
    EXPECT_TRUE(shown["plots"][id]["shown"]) << id;
    EXPECT_GT(shown["plots"][id]["points"].get<int>(), 0) << id;
    EXPECT_GT(shown["plots"][id]["ink"].get<int>(), 0) << id;
  }
  EXPECT_EQ(shown["title"], "苏州市算力监测 · Suzhou compute monitor");
  EXPECT_EQ(shown["documentTitle"], "苏州市算力监测 · Suzhou compute monitor");

  // Each class at its own precision; 通算 General is FP32, not FP16.
  EXPECT_EQ(shown["classes"]["intelligent"], "FP16 · PFLOPS");
  EXPECT_EQ(shown["classes"]["general"], "FP32 · PFLOPS");
  EXPECT_EQ(shown["classes"]["supercomputing"], "FP64 · PFLOPS");

  // Installed stays while the nodes are known, so the API's figure now is the page's.
  indicator = get_json(client_, central.url("/api/v1/indicator"));
  ASSERT_TRUE(indicator);
  ASSERT_EQ(indicator->at("centers").size(), 2u);
  for (const json& center : indicator->at("centers")) {
    const std::string id = center.at("id");
    const json& figures = center.at("classes").at(center.at("class").get<std::string>());
    const json& on_page = shown["centers"][id];
    ASSERT_TRUE(on_page.is_object()) << id;
    ASSERT_TRUE(on_page["installed"].is_string()) << id;
    EXPECT_DOUBLE_EQ(std::stod(on_page["installed"].get<std::string>()),
                     figures.at("installed_pflops").get<double>())
        << id;
  }

  // The plot over time is the API's history of the headline class at its own precision.
  const std::optional<json> history = get_json(client_, central.url("/api/v1/history"));
  ASSERT_TRUE(history && !history->at("points").empty());
  EXPECT_EQ(history->at("precision"), "fp16");
  ASSERT_TRUE(shown["historyLastInstalled"].is_string());
  EXPECT_DOUBLE_EQ(std::stod(shown["historyLastInstalled"].get<std::string>()),
                   history->at("points").back().at("installed_pflops").get<double>());

  // Another class over all the history is plotted at its own precision: 通算 General at FP32,
  // as the API answers.
  page.evaluate(R"JS((() => {
    document.getElementById('history-range').value = 'all';
    const select = document.getElementById('history-class');
    select.value = 'general';
    select.dispatchEvent(new Event('change'));
  })())JS");
  EXPECT_TRUE(page.wait_for(
      "document.getElementById('history-scope').textContent.startsWith('通算 General · FP32')",
      30s))
      << page.evaluate("document.getElementById('history-scope').textContent");
  EXPECT_EQ(page.evaluate("document.getElementById('history-error').hidden"), true)
      << page.evaluate("document.getElementById('history-error').textContent");
  EXPECT_GT(std::stoi(page.evaluate("document.getElementById('plot-history').dataset.points")
                          .get<std::string>()),
            0);

  // Central reports power (0 kW here: these nodes read none, and are counted without a reading),
  // so the power tile is shown; the city has no quantum computer, so the 量算 tile is not.
  EXPECT_FALSE(shown["powerTileHidden"]);
  EXPECT_EQ(indicator->at("energy").at("devices_with_power"), 0);
  EXPECT_GT(indicator->at("energy").at("devices_without_power").get<int>(), 0);
  EXPECT_EQ(indicator->at("quantum").at("devices"), 0);
  EXPECT_TRUE(shown["quantumTileHidden"]);
}

// Power and qubits beyond what this test's nodes report (they read no power and have no quantum
// computer), put into central's answers before the page reads them: the city's power and qubits,
// each center's power, and power in each history point.
constexpr const char* kWithEnergyAndQuantum = R"JS((() => {
  const energy = (kw) => ({power_kw: kw, devices_with_power: 8, devices_without_power: 4,
                           achieved_tflops_per_kw: {}, installed_tflops_per_kw: {}});
  const original = window.fetch.bind(window);
  window.fetch = async (url, init) => {
    const response = await original(url, init);
    const path = String(url);
    if (!path.startsWith('/api/v1/indicator') && !path.startsWith('/api/v1/history')) return response;
    const body = await response.json();
    if (path.startsWith('/api/v1/indicator')) {
      body.energy = energy(12.5);
      body.quantum = {devices: 1, devices_live: 1, installed_qubits: 72, live_qubits: 72};
      body.centers.forEach((c, i) => { c.energy = energy(10 - 2 * i); });
    } else {
      body.points.forEach((p) => { p.power_kw = 12.5; p.energy_kwh = 0.2; });
    }
    return new Response(JSON.stringify(body), {status: response.status, headers: response.headers});
  };
})())JS";

constexpr const char* kEnergyShown = R"JS(({
  powerTile: document.getElementById('power-tile').hidden ? null :
                 document.getElementById('power-kw').dataset.value,
  qubits: document.getElementById('quantum-tile').hidden ? null :
              document.getElementById('quantum-qubits').dataset.value,
  quantumRow: document.querySelector('#class-table tr[data-class="quantum"]')?.textContent ?? null,
  powerCells: [...document.querySelectorAll('#centers-table td.energy-only')]
                  .filter((td) => !td.hidden).map((td) => td.dataset.value),
  powerPoints: Number(document.getElementById('plot-power').dataset.ink) > 0 ?
                   Number(document.getElementById('plot-power').dataset.points) : 0,
  scrollWidth: document.documentElement.scrollWidth,
  renderError: document.documentElement.dataset.renderError ?? null,
}))JS";

TEST_F(DashboardTest, PowerAndQubitsAreShownWhenCentralReportsThem) {
  RunningCentral central(broker_);
  ASSERT_TRUE(feed_until_indicator_shows(central, expected_installed_pflops()));
  DevToolsPage page(chromium_.path(), 400, 900);
  page.add_script_on_new_document(kWithEnergyAndQuantum);
  page.navigate(central.url("/"));
  ASSERT_TRUE(page.wait_for(
      "Number(document.getElementById('plot-power').dataset.ink) > 0 && "
      "document.querySelectorAll('#centers-table tbody tr[data-center]').length === 2",
      60s))
      << page.evaluate(kEnergyShown).dump(2) << "\nchromium's log:\n"
      << page.log();
  const json shown = page.evaluate(kEnergyShown);
  SCOPED_TRACE(shown.dump(2));
  EXPECT_EQ(shown["powerTile"], "12.5");
  EXPECT_EQ(shown["qubits"], "72");
  EXPECT_NE(shown["quantumRow"].get<std::string>().find("量算 Quantum"), std::string::npos);
  EXPECT_EQ(shown["renderError"], nullptr);
  EXPECT_EQ(shown["powerCells"].get<std::multiset<std::string>>(),
            (std::multiset<std::string>{"10", "8"}));
  EXPECT_GT(shown["powerPoints"].get<int>(), 0);
  EXPECT_LE(shown["scrollWidth"].get<int>(), 400);
}

INSTANTIATE_TEST_SUITE_P(Widths, DashboardAtWidth,
                         ::testing::Values(Viewport{1400, 1000}, Viewport{400, 900}),
                         [](const ::testing::TestParamInfo<Viewport>& info) {
                           return std::to_string(info.param.width) + "px";
                         });

}  // namespace
}  // namespace suanli::test
