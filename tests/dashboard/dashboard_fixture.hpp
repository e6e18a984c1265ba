#pragma once

// The fixture of the dashboard tests: a real suanli-central fed through a real Mosquitto with two
// nodes in two centers, and Debian's chromium to open its page.

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

using nlohmann::json;
using namespace std::chrono_literals;

inline const std::string kCentralBinary =
    std::string(SUANLI_BINARY_DIR) + "/central/suanli-central";
inline const std::string kScreenshot =
    std::string(SUANLI_BINARY_DIR) + "/tests/dashboard/dashboard.png";

inline std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline json central_config(const MosquittoBroker& broker, int http_port, const TempDir& dir,
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

inline void publish_message(const MosquittoBroker& broker, const wire::Message& message) {
  const std::string topic = wire::topic_of(message);
  ASSERT_TRUE(
      publish(broker, topic, wire::encode(message), wire::is_retained(wire::kind_of(message))))
      << topic;
}

inline std::optional<json> get_json(CurlClient& client, const std::string& url) {
  HttpReply reply = client.get(url);
  if (reply.status != 200) return std::nullopt;
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return std::nullopt;
  return body;
}

// indicator["headline"][key], 0 when absent.
inline double headline_number(const json& indicator, const std::string& key) {
  return indicator.value(json::json_pointer("/headline/" + key), 0.0);
}

inline bool near(double a, double b) {
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

}  // namespace suanli::test
