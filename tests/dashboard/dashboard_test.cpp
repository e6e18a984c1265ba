// The dashboard served by a real suanli-central (fed through a real Mosquitto with two nodes in
// two centers) opened in headless Chromium: the headline on the page is the API's headline.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/central/http/http_client.hpp"
#include "tests/dashboard/catalog_node.hpp"
#include "tests/dashboard/headless_chromium.hpp"
#include "tests/dashboard/page_headline.hpp"
#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string kCentralBinary = std::string(SUANLI_BINARY_DIR) + "/central/suanli-central";
const std::string kScreenshot = std::string(SUANLI_BINARY_DIR) + "/tests/dashboard/dashboard.png";

std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

json central_config(const MosquittoBroker& broker, int http_port, const TempDir& dir,
                    const json& extra_centers) {
  json config{
      {"log_level", "info"},
      {"mqtt", {{"uri", broker.uri()}, {"version", 5}, {"qos", 1}}},
      {"http", {{"listen", "127.0.0.1:" + std::to_string(http_port)}}},
      {"store", {{"path", dir.path() + "/history.db"}}},
      {"target", {{"pflops", 20000}, {"year", 2027}}},
      {"centers",
       {{"sz-aicc",
         {{"name", "苏州市人工智能算力中心"}, {"district", "相城区"}, {"class", "intelligent"}}},
        {"ks-aicc",
         {{"name", "昆山智算中心"}, {"district", "昆山市"}, {"class", "intelligent"}}}}}};
  config["centers"].update(extra_centers);
  return config;
}

// suanli-central with its config, store and logs in a temp dir.
class RunningCentral {
 public:
  explicit RunningCentral(const MosquittoBroker& broker, const json& extra_centers = json::object())
      : port_(free_port()),
        config_(
            dir_.write("central.json", central_config(broker, port_, dir_, extra_centers).dump(2))),
        process_({kCentralBinary, "--config", config_}, {}, dir_.path() + "/out.log",
                 dir_.path() + "/err.log") {}

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::string log() const { return read_text_file(dir_.path() + "/err.log"); }
  // The exit status once the process has ended.
  std::optional<int> exit_status() { return process_.wait(0ms); }

 private:
  TempDir dir_;
  int port_;
  std::string config_;
  BackgroundProcess process_;
};

void publish_message(const MosquittoBroker& broker, const wire::Message& message) {
  const std::string topic = wire::topic_of(message);
  ASSERT_TRUE(
      publish(broker, topic, wire::encode(message), wire::is_retained(wire::kind_of(message))))
      << topic;
}

std::optional<json> get_json(CurlClient& client, const std::string& url) {
  HttpReply reply = client.get(url);
  if (reply.status != 200) return std::nullopt;
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return std::nullopt;
  return body;
}

// indicator["headline"][key], 0 when absent.
double headline_number(const json& indicator, const std::string& key) {
  return indicator.value(json::json_pointer("/headline/" + key), 0.0);
}

bool near(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

class DashboardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kCentralBinary)) << kCentralBinary;
    ASSERT_TRUE(chromium_.installed())
        << chromium_.path() << " is not installed (scripts/setup.sh installs chromium)";
  }

  // Publishes status and birth (retained) for every node, then one data window per node each
  // round, until the indicator shows every node's installed peak and a live figure. Returns the
  // last indicator, and nullopt when it never got there.
  std::optional<json> feed_until_indicator_shows(RunningCentral& central, double installed_pflops) {
    for (const CatalogNode& node : nodes_) {
      publish_message(broker_, node.status(now_ms()));
      publish_message(broker_, node.birth(now_ms()));
    }
    std::optional<json> last;
    constexpr auto kPoll = 500ms;
    constexpr int kRoundsPerWindow = static_cast<int>(CatalogNode::kIntervalMs / kPoll.count());
    for (int round = 0; round < 60; ++round) {
      if (round % kRoundsPerWindow == 0) {
        for (CatalogNode& node : nodes_)
          publish_message(broker_, node.next_window(now_ms(), 0.5));
      }
      if (auto status = central.exit_status()) {
        ADD_FAILURE() << "suanli-central exited with " << *status << "; its log:\n"
                      << central.log();
        return std::nullopt;
      }
      last = get_json(client_, central.url("/api/v1/indicator"));
      if (last && near(headline_number(*last, "installed_pflops"), installed_pflops) &&
          headline_number(*last, "live_pflops") > 0.0) {
        return last;
      }
      std::this_thread::sleep_for(kPoll);
    }
    ADD_FAILURE() << "the indicator never showed " << installed_pflops
                  << " PFLOPS installed; last: " << (last ? last->dump() : "no answer")
                  << "\ncentral's log:\n"
                  << central.log();
    return std::nullopt;
  }

  // A birth of a new node `node` in the first node's center with the first node's first device,
  // without its uuid (another identity); the caller makes the device what it tests.
  wire::Birth one_device_birth(const std::string& node) const {
    wire::Birth birth = nodes_[0].birth(now_ms());
    birth.header.node = node;
    birth.devices.resize(1);
    birth.devices[0].uuid.reset();
    birth.totals.devices = 1;
    return birth;
  }

  // GETs `path` until `done` holds of its answer (10 s at most); the last answer.
  template <typename Done>
  std::optional<json> poll_json(RunningCentral& central, const std::string& path, Done done) {
    std::optional<json> answer;
    for (int attempt = 0; attempt < 40; ++attempt) {
      answer = get_json(client_, central.url(path));
      if (answer && done(*answer)) break;
      std::this_thread::sleep_for(250ms);
    }
    return answer;
  }

  double expected_installed_pflops() const {
    double tflops = 0;
    for (const CatalogNode& node : nodes_)
      tflops += node.peak_tflops(Precision::fp16);
    return tflops / 1000.0;
  }

  MosquittoBroker broker_;
  HeadlessChromium chromium_;
  CurlClient client_;
  std::vector<CatalogNode> nodes_ = {
      CatalogNode("sz-aicc", "gpu-a01", "相城区", "H100 SXM5 80GB", 8),
      CatalogNode("ks-aicc", "gpu-b01", "昆山市", "A100 SXM4 80GB", 4),
  };
};

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
