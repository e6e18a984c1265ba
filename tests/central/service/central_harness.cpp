#include "tests/central/service/central_harness.hpp"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <mutex>
#include <set>
#include <thread>

#include "uplink/mqtt/client.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string base_url_of(const json& config) {
  const json& http = config.at("http");
  return (http.contains("tls") ? "https://" : "http://") + http.at("listen").get<std::string>();
}

}  // namespace

std::string central_binary() {
  return std::string(SUANLI_BINARY_DIR) + "/central/suanli-central";
}

json central_config(const test::TempDir& dir, const std::string& mqtt_uri) {
  return {
      {"id", "c1"},
      {"log_level", "info"},
      {"mqtt",
       {{"uri", mqtt_uri}, {"version", 5}, {"reconnect_min_ms", 200}, {"reconnect_max_ms", 1000}}},
      {"http", {{"listen", "127.0.0.1:" + std::to_string(test::free_port())}}},
      {"store", {{"path", dir.path() + "/central.db"}}},
      {"stale_after_intervals", 3},
      {"centers",
       {{kCenterA, {{"name", "Suzhou AI"}, {"district", "xiangcheng"}}},
        {kCenterB, {{"name", "Kunshan AI"}, {"district", "kunshan"}}}}}};
}

void enable_http_ingest(json& config, const test::TempDir& dir) {
  json tokens = {{"tokens",
                  {{{"name", "sz-agents"}, {"token", kTokenA}, {"centers", {kCenterA}}},
                   {{"name", "ks-agents"}, {"token", kTokenB}, {"centers", {kCenterB}}}}}};
  config["http"]["ingest_tokens_file"] = dir.write("ingest-tokens.json", tokens.dump());
}

void enable_https(json& config, const test::TestPki& pki) {
  config["http"]["tls"] = {{"cert_file", pki.server().cert}, {"key_file", pki.server().key}};
}

Central::Central(const test::TempDir& dir, const json& config, const std::string& name,
                 const std::string& ca_file, const std::vector<std::string>& env)
    : process({central_binary(), "--config", dir.write(name + ".json", config.dump())}, env,
              dir.path() + "/" + name + ".out", dir.path() + "/" + name + ".err"),
      base_url_(base_url_of(config)),
      err_file_(dir.path() + "/" + name + ".err"),
      client_(ca_file) {}

bool Central::ready(std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    auto health = get_json("/healthz");
    if (health && health->value("mqtt_connected", false)) return true;
    if (!alive()) return false;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

test::HttpReply Central::get(const std::string& path) {
  return client_.get(base_url_ + path);
}

test::HttpReply Central::post(const std::string& path, const std::string& body,
                              const std::vector<std::string>& headers) {
  std::vector<std::string> all = headers;
  all.push_back("Content-Type: application/json");
  return client_.request("POST", base_url_ + path, all, body);
}

std::optional<json> Central::get_json(const std::string& path) {
  test::HttpReply reply = get(path);
  if (reply.status != 200) return std::nullopt;
  json doc = json::parse(reply.body, nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

json Central::poll(const std::string& path, const std::function<bool(const json&)>& done,
                   std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  json last;
  while (true) {
    if (auto doc = get_json(path)) {
      last = std::move(*doc);
      if (done(last)) return last;
    }
    if (std::chrono::steady_clock::now() >= deadline) return last;
    std::this_thread::sleep_for(100ms);
  }
}

std::string Central::err() const {
  return read_text(err_file_);
}

bool Central::alive() {
  return !process.wait(0ms).has_value();
}

struct WirePublisher::State {
  std::mutex mutex;
  std::condition_variable changed;
  std::set<std::uint64_t> delivered;
  std::set<std::uint64_t> refused;
  std::atomic<bool> connected{false};
  std::unique_ptr<mqtt::MqttClient> client;
};

WirePublisher::WirePublisher(const test::MosquittoBroker& broker,
                             const std::optional<PublisherCertificate>& as)
    : state_(std::make_unique<State>()) {
  static std::atomic<int> serial{0};
  mqtt::ClientSettings settings;
  settings.mqtt.uri = as ? broker.tls_uri() : broker.uri();
  settings.mqtt.reconnect_min_ms = 100;
  settings.mqtt.reconnect_max_ms = 500;
  settings.client_id = "test-pub-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  settings.will = {"test/publisher/" + settings.client_id, "gone"};
  if (as) {
    settings.mqtt.ca_file = broker.ca_file();
    settings.mqtt.cert_file = as->cert.cert;
    settings.mqtt.key_file = as->cert.key;
    settings.will.topic = as->will_topic;
  }
  mqtt::ClientCallbacks cb;
  State* s = state_.get();
  cb.on_connected = [s] { s->connected = true; };
  cb.on_delivered = [s](std::uint64_t id) {
    std::lock_guard lock(s->mutex);
    s->delivered.insert(id);
    s->changed.notify_all();
  };
  cb.on_undelivered = [s](std::uint64_t id, const std::string&) {
    std::lock_guard lock(s->mutex);
    s->refused.insert(id);
    s->changed.notify_all();
  };
  state_->client = std::make_unique<mqtt::MqttClient>(settings, cb);
  if (!state_->client->start()) throw std::runtime_error("test publisher: bad settings");
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!state_->connected && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  if (!state_->connected) throw std::runtime_error("test publisher: not connected in 10 s");
}

WirePublisher::~WirePublisher() {
  state_->client->stop(2s);
}

bool WirePublisher::publish(const std::string& topic, const std::string& payload, bool retained) {
  std::unique_lock lock(state_->mutex);
  auto id = state_->client->publish(topic, payload, retained);
  if (!id) return false;
  state_->changed.wait_for(
      lock, 10s, [&] { return state_->delivered.contains(*id) || state_->refused.contains(*id); });
  return state_->delivered.contains(*id);
}

json without_time(json indicator) {
  indicator.erase("generated_ms");
  return indicator;
}

std::uint64_t sum_of(const json& counters) {
  std::uint64_t sum = 0;
  if (!counters.is_object()) return 0;
  for (const auto& [key, value] : counters.items())
    sum += value.get<std::uint64_t>();
  return sum;
}

}  // namespace suanli::central_service_test
