// The dashboard served by a real suanli-central (fed through a real Mosquitto with two nodes in
// two centers) opened in headless Chromium: the headline on the page is the API's headline.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tests/dashboard/dashboard_fixture.hpp"
#include "tests/dashboard/page_headline.hpp"

namespace suanli::test {
namespace {

TEST_F(DashboardTest, HeadlineOnThePageIsTheApisHeadline) {
  RunningCentral central(broker_);
  const double expected = expected_installed_pflops();
  ASSERT_GT(expected, 0.0);
  std::optional<json> indicator = feed_until_indicator_shows(central, expected);
  ASSERT_TRUE(indicator);

  ProcessResult page = chromium_.dump_dom(central.url("/"));
  ASSERT_EQ(page.exit_code, 0) << page.err;
  std::optional<PageHeadline> headline = find_headline(page.out, "headline-installed");
  ASSERT_TRUE(headline) << "no #headline-installed in the page:\n" << page.out;
  ASSERT_TRUE(headline->data_pflops) << "the page never filled in the headline:\n" << page.out;

  // Nothing changes between the two reads: both nodes stay installed.
  indicator = get_json(client_, central.url("/api/v1/indicator"));
  ASSERT_TRUE(indicator);
  const double api_installed = headline_number(*indicator, "installed_pflops");
  ASSERT_GT(api_installed, 0.0);
  EXPECT_DOUBLE_EQ(std::stod(*headline->data_pflops), api_installed);

  std::optional<double> shown = parse_shown_number(headline->text);
  ASSERT_TRUE(shown) << "headline text: " << headline->text;
  // The page rounds to at least four significant digits.
  EXPECT_NEAR(*shown, api_installed, api_installed * 1e-3);

  std::filesystem::remove(kScreenshot);
  ProcessResult shot = chromium_.screenshot(central.url("/"), kScreenshot);
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  ASSERT_TRUE(std::filesystem::exists(kScreenshot)) << shot.err;
  EXPECT_EQ(read_text_file(kScreenshot).substr(0, 8), "\x89PNG\r\n\x1a\n");
  std::cout << "dashboard screenshot: " << kScreenshot << std::endl;
  RecordProperty("screenshot", kScreenshot);
}

// What central did not believe is on the page: an inflated peak in the 异常 Anomalies panel, and
// the headline split into verified and unverified.
TEST_F(DashboardTest, TheAnomaliesPanelShowsAnInflatedPeak) {
  RunningCentral central(broker_);
  ASSERT_TRUE(feed_until_indicator_shows(central, expected_installed_pflops()));
  wire::Birth liar = one_device_birth("gpu-liar");
  liar.devices[0].peak_tflops[Precision::fp16] = 100000;
  liar.totals.peak_tflops = liar.devices[0].peak_tflops;
  publish_message(broker_, liar);
  const auto any = [](const json& j) { return !j.at("anomalies").empty(); };
  const std::optional<json> anomalies = poll_json(central, "/api/v1/anomalies", any);
  ASSERT_TRUE(anomalies && any(*anomalies)) << central.log();

  ProcessResult page = chromium_.dump_dom(central.url("/"));
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const std::size_t panel = page.out.find("id=\"anomalies-table\"");
  ASSERT_NE(panel, std::string::npos) << page.out;
  EXPECT_NE(page.out.find("Peak off the catalog", panel), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("sz-aicc/gpu-liar", panel), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("fp16 claimed 100000", panel), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("Verified "), std::string::npos) << page.out;
}

// A total never reads as complete when it is not: a device whose FP16 peak is unknown is named as
// left out of the headline, and its class row says so too.
TEST_F(DashboardTest, ATotalSaysHowManyDevicesItLeavesOut) {
  RunningCentral central(broker_);
  ASSERT_TRUE(feed_until_indicator_shows(central, expected_installed_pflops()));
  wire::Birth odd = one_device_birth("npu-unknown");
  wire::Device& npu = odd.devices[0];
  npu.pci_id = "ffff:0001";
  npu.model = "Mystery NPU";
  npu.peak_tflops = PrecisionMap{};
  npu.peak_source = PeakSource::unknown;
  npu.catalog_model.reset();
  npu.peak_unknown = PrecisionSet::all();
  odd.totals.peak_tflops = PrecisionMap{};
  publish_message(broker_, odd);
  const std::optional<json> indicator = poll_json(central, "/api/v1/indicator", [](const json& j) {
    return j.at("headline").value("devices_unknown_peak", 0) == 1;
  });
  ASSERT_TRUE(indicator && indicator->at("headline").value("devices_unknown_peak", 0) == 1)
      << central.log();

  ProcessResult page = chromium_.dump_dom(central.url("/"));
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const std::string left_out = "1 device not counted (FP16 peak unknown)";
  const std::size_t note = page.out.find("id=\"peak-note\"");
  ASSERT_NE(note, std::string::npos) << page.out;
  EXPECT_NE(page.out.find("The headline leaves out " + left_out, note), std::string::npos)
      << page.out;
  const std::size_t classes = page.out.find("id=\"class-table\"");
  ASSERT_NE(classes, std::string::npos) << page.out;
  EXPECT_NE(page.out.find(left_out, classes), std::string::npos) << page.out;
}

// Accelerators that no backend measures (the agent's pci backend) add nothing, and the centers
// table says how many each center has.
TEST_F(DashboardTest, ACenterShowsItsDevicesNotMeasured) {
  RunningCentral central(broker_);
  ASSERT_TRUE(feed_until_indicator_shows(central, expected_installed_pflops()));
  wire::Birth node = nodes_[0].birth(now_ms());
  node.header.node = "mlu-01";
  node.devices.resize(2);
  for (std::size_t i = 0; i < 2; ++i) {
    wire::Device& d = node.devices[i];
    d.id = "pci-0000:3" + std::to_string(i) + ":00.0";
    d.backend = "pci";
    d.vendor = "Cambricon";
    d.pci_id = "cabc:0370";
    d.model = "PCI cabc:0370";
    d.uuid.reset();
    d.peak_tflops = PrecisionMap{};
    d.peak_source = PeakSource::unknown;
    d.catalog_model.reset();
  }
  node.totals.devices = 2;
  node.totals.peak_tflops = PrecisionMap{};
  publish_message(broker_, node);
  const auto counted = [](const json& j) { return j.at("counts").at("devices_unknown_peak") == 2; };
  const std::optional<json> indicator = poll_json(central, "/api/v1/indicator", counted);
  ASSERT_TRUE(indicator && counted(*indicator)) << central.log();

  ProcessResult page = chromium_.dump_dom(central.url("/"));
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(page.out.find("2 devices not measured"), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("2 台未计入"), std::string::npos) << page.out;
}

// Center names come from the operator's config: the page must show them, never run them.
TEST_F(DashboardTest, CenterNamesAreShownAsTextNotMarkup) {
  const std::string markup = "<b id=\"injected\">实验</b> & co";
  RunningCentral central(broker_, json{{"lab", {{"name", markup}, {"class", "general"}}}});
  std::optional<json> indicator;
  for (int attempt = 0; attempt < 40 && !indicator; ++attempt) {
    ASSERT_FALSE(central.exit_status()) << central.log();
    indicator = get_json(client_, central.url("/api/v1/indicator"));
    if (!indicator) std::this_thread::sleep_for(250ms);
  }
  ASSERT_TRUE(indicator) << "suanli-central never answered; its log:\n" << central.log();

  ProcessResult page = chromium_.dump_dom(central.url("/"));
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(page.out.find("&lt;b id=\"injected\"&gt;实验&lt;/b&gt; &amp; co"), std::string::npos)
      << page.out;
  EXPECT_EQ(page.out.find("id=\"injected\">"), std::string::npos) << page.out;
}

}  // namespace
}  // namespace suanli::test
