#pragma once

// suanli-central as a service in a test: its config in a temp dir, the process, its HTTP API
// (polled with libcurl), and a publisher of hand-made wire messages through the broker.

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/central/http/http_client.hpp"
#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_pki.hpp"

namespace suanli::central_service_test {

// Two configured centers: sz-aicc (district xiangcheng) and ks-aicc (district kunshan), both
// intelligent.
inline constexpr const char* kCenterA = "sz-aicc";
inline constexpr const char* kCenterB = "ks-aicc";

// Central "c1" on `mqtt_uri` (MQTT 5, quick reconnects), HTTP on a free port of 127.0.0.1, its
// store in dir/central.db, stale after 3 intervals.
nlohmann::json central_config(const test::TempDir& dir, const std::string& mqtt_uri);

// HTTP ingest tokens, one per center: kTokenA may post for kCenterA, kTokenB for kCenterB.
inline constexpr const char* kTokenA = "sz-aicc-token-5f2e9b1c";
inline constexpr const char* kTokenB = "ks-aicc-token-8d4a7c3e";
// Sets http.ingest_tokens_file of `config` to a file in `dir` with kTokenA and kTokenB.
void enable_http_ingest(nlohmann::json& config, const test::TempDir& dir);
// Sets http.tls of `config` to the server certificate and key of `pki`.
void enable_https(nlohmann::json& config, const test::TestPki& pki);

// suanli-central --config dir/NAME.json; its stderr in dir/NAME.err. Over HTTPS when the config
// has http.tls, verified with `ca_file`.
class Central {
 public:
  // `env`: NAME=VALUE entries added to central's environment.
  Central(const test::TempDir& dir, const nlohmann::json& config,
          const std::string& name = "central", const std::string& ca_file = {},
          const std::vector<std::string>& env = {});

  // GET /healthz answers 200 and (unless the config has no broker) MQTT is connected; bounded.
  bool ready(std::chrono::milliseconds limit = std::chrono::seconds(20));
  test::HttpReply get(const std::string& path);
  test::HttpReply post(const std::string& path, const std::string& body,
                       const std::vector<std::string>& headers = {});
  // GET path as JSON; nullopt when the request fails or the body is not JSON.
  std::optional<nlohmann::json> get_json(const std::string& path);
  // Polls GET path until `done(json)` holds or `limit` passes; returns the last document seen.
  nlohmann::json poll(const std::string& path,
                      const std::function<bool(const nlohmann::json&)>& done,
                      std::chrono::milliseconds limit = std::chrono::seconds(30));
  // http(s)://ADDRESS:PORT + path.
  std::string url(const std::string& path) const { return base_url_ + path; }
  std::string err() const;
  bool alive();

  test::BackgroundProcess process;

 private:
  std::string base_url_;
  std::string err_file_;
  test::CurlClient client_;
};

// The path of the suanli-central binary.
std::string central_binary();

// A WirePublisher on the broker's TLS listener: the holder of `cert`, with its Last Will on
// `will_topic` (one the broker's ACL lets that certificate write).
struct PublisherCertificate {
  test::CertPair cert;
  std::string will_topic;
};

// One Paho connection (MQTT 5) that publishes hand-made messages (QoS 1) and waits for each
// PUBACK, so that they reach the broker in order. Anonymous on the plain listener unless `as`.
class WirePublisher {
 public:
  explicit WirePublisher(const test::MosquittoBroker& broker,
                         const std::optional<PublisherCertificate>& as = std::nullopt);
  ~WirePublisher();
  WirePublisher(const WirePublisher&) = delete;
  WirePublisher& operator=(const WirePublisher&) = delete;
  // True when the broker acknowledged the message; false when it refused it (a PUBACK with an
  // error reason, such as an ACL's "Not authorized") or did not answer (bounded).
  bool publish(const std::string& topic, const std::string& payload, bool retained = false);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The indicator without its generated_ms, for comparing two snapshots.
nlohmann::json without_time(nlohmann::json indicator);
// Sum of the values of an object of counters ({} when absent).
std::uint64_t sum_of(const nlohmann::json& counters);

}  // namespace suanli::central_service_test
