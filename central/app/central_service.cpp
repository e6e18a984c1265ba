#include "central/app/central_service.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <thread>

#include "central/app/api_routes.hpp"
#include "central/app/central_clock.hpp"
#include "central/app/history_prune.hpp"
#include "central/app/indicator_publisher.hpp"
#include "central/app/ingest_queue.hpp"
#include "central/app/ingest_worker.hpp"
#include "central/app/mqtt_ingest.hpp"
#include "central/app/periodic_thread.hpp"
#include "central/app/persistence.hpp"
#include "central/app/publisher_election.hpp"
#include "central/app/startup_files.hpp"
#include "central/core/ingest.hpp"
#include "central/core/json_views.hpp"
#include "central/core/rebirth_requests.hpp"
#include "central/core/registry.hpp"
#include "central/http/server.hpp"
#include "central/http/server_tls.hpp"
#include "central/store/store.hpp"
#include "config/ingest_tokens.hpp"
#include "config/program.hpp"
#include "config/thread_name.hpp"
#include "uplink/mqtt/client.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr auto kTickPeriod = 1s;            // node states, store flush
constexpr auto kIndicatorMaxInterval = 1s;  // node states move with time
constexpr auto kPrunePeriod = 1h;           // history retention

// Threads (docs/design.md, "Threads"): Paho's callback thread only queues messages; the ingest
// thread decodes and applies them; the HTTP API runs on its own io_context and thread; the tick
// (registry, store flush, pruning) and the indicator publisher each have a thread; the main
// thread takes the signals and publishes central's state and the cmd rebirth requests. The
// registry, the ingest counters and the persistence's state are guarded by state_mu_: written under
// a unique lock (ingest, a batch at a time; the tick), read under a shared one (the API, the
// indicator). SQLite is written outside it.
class CentralService {
 public:
  CentralService(const config::CentralConfig& cfg, store::Store store)
      : cfg_(cfg),
        registry_(CoreSettings::from(cfg)),
        ingest_(registry_),
        store_(std::move(store)),
        persistence_(store_),
        queue_(static_cast<std::size_t>(cfg.ingest_queue_messages),
               static_cast<std::size_t>(cfg.ingest_queue_bytes)),
        worker_(queue_, [this](std::vector<IngestItem>& batch) { apply_batch(batch); }),
        publisher_(std::chrono::milliseconds(cfg.indicator_publish_min_interval_ms),
                   kIndicatorMaxInterval, [this] { return publish_indicator(); }),
        ticker_("tick", kTickPeriod, [this] { tick(); }) {}

  // After shutdown() this finds everything stopped; otherwise it stops what uses mqtt_ first.
  ~CentralService() {
    ticker_.stop();
    publisher_.stop();
    queue_.close();
    worker_.release();
    worker_.join();
    if (http_thread_.joinable()) {
      http_io_.stop();
      http_thread_.join();
    }
  }

  int run(std::vector<config::IngestToken> ingest_tokens, std::optional<http::ServerTls> tls) {
    auto restored = persistence_.restore(registry_, clock_.now());
    if (!restored) {
      spdlog::error("store: {}", restored.error());
      return kExitFailure;
    }
    spdlog::info("store {}: {} nodes restored", store_.path(), *restored);

    const char* scheme = tls ? "https" : "http";
    http_.emplace(http_io_, make_api_router(api_context(std::move(ingest_tokens))),
                  http::ServerLimits{}, std::move(tls));
    auto bound = http_->start(cfg_.http_listen);
    if (!bound) {
      spdlog::error("{}", bound.error());
      return kExitFailure;
    }
    spdlog::info("HTTP API and dashboard on {}://{}:{}/", scheme, bound->address, bound->port);

    mqtt_.emplace(central_client_settings(cfg_, CentralClock::wall_ms()), mqtt_callbacks());
    if (auto started = mqtt_->start(); !started) {
      spdlog::error("{}", started.error());
      return kExitUsage;
    }
    worker_.start();
    publisher_.start();
    ticker_.start();
    http_thread_ = std::thread([this] {
      name_this_thread("http");
      http_io_.run();
    });
    signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (!ec) shutdown(signo);
    });
    io_.run();
    return kExitOk;
  }

 private:
  using Writing = std::unique_lock<std::shared_mutex>;
  using Reading = std::shared_lock<std::shared_mutex>;

  ApiContext api_context(std::vector<config::IngestToken> tokens) {
    return {
        .registry = registry_,
        .ingest = ingest_,
        .store = store_,
        .now_ms = CentralClock::wall_ms,
        .gauges = [this] { return gauges(); },
        .health = [this] { return health(); },
        .ingest_message =
            [this](const std::string& topic, const std::string& payload) {
              DecodedMessage decoded = Ingest::decode(topic, payload);
              bool accepted = false;
              {
                Writing lk(state_mu_);
                accepted = apply(topic, std::move(decoded), payload, clock_.now()).outcome !=
                           Outcome::rejected;
              }
              if (accepted) publisher_.changed();
              return accepted;
            },
        .refuse_message =
            [this](const std::string& topic, std::string_view reason, const std::string& detail) {
              Writing lk(state_mu_);
              log_reject(topic, ingest_.refuse(reason, detail), CentralClock::wall_ms());
            },
        .on_identity_mismatch =
            [this](const std::string& token, const std::string& center, const std::string& node) {
              Writing lk(state_mu_);
              registry_.note_identity_mismatch(NodeKey{center, node},
                                               "HTTP ingest token '" + token +
                                                   "' posted for center " + center +
                                                   ", which it does not belong to: refused",
                                               clock_.now());
            },
        .ingest_tokens = std::move(tokens),
        .state_lock = &state_mu_};
  }

  mqtt::ClientCallbacks mqtt_callbacks() {
    mqtt::ClientCallbacks cb;
    cb.on_connected = [this] { asio::post(io_, [this] { on_connected(); }); };
    // On Paho's receive thread, which sends a QoS 1 message's PUBACK only after this returns
    // (Paho C 1.3, MQTTAsync): while the queue is full, push() waits and Paho reads and
    // acknowledges nothing more, so the broker holds the rest for the persistent session. The wait
    // lasts until the ingest thread's next batch, far below the keepalive (no PINGREQ meanwhile).
    // Paho holds its client mutex meanwhile: publishes from other threads wait for it too.
    cb.on_message = [this](const std::string& topic, const std::string& payload) {
      if (!queue_.push(topic, payload)) spdlog::debug("{}: received after shutdown", topic);
    };
    return cb;
  }

  // Under state_mu_ (a handler's shared lock).
  ServiceGauges gauges() const {
    return {.health = health(),
            .history_folds = persistence_.folds().by_outcome,
            .history_folds_dropped = persistence_.folds().dropped,
            .http_connections = http_ ? http_->connections() : http::ConnectionCounts{},
            .energy_kwh_by_center = persistence_.energy().center_totals(),
            .ingest = queue_.stats(),
            .ingest_stages = worker_.totals(),
            .indicator_publishes_total = publisher_.publishes()};
  }

  // Without state_mu_: the store's part is a copy that flush() keeps.
  HealthGauges health() const {
    HealthGauges h;
    {
      std::lock_guard lk(store_health_mu_);
      h = store_health_;
    }
    h.mqtt_connected = mqtt_ && mqtt_->connected();
    return h;
  }

  void on_connected() {
    publish(wire::central_state_topic(cfg_.id),
            central_state_payload(true, CentralClock::wall_ms()));
  }

  // On the ingest thread: one batch under the lock; rebirth requests and the indicator after it.
  void apply_batch(std::vector<IngestItem>& batch) {
    std::vector<NodeKey> births_wanted;
    bool changed = false;
    {
      Writing lk(state_mu_);
      const Instant now = clock_.now();
      for (IngestItem& item : batch) {
        if (!item.decoded) {
          changed |= on_other_topic(item.raw.topic, item.raw.payload);
          continue;
        }
        const IngestResult result =
            apply(item.raw.topic, std::move(*item.decoded), std::move(item.raw.payload), now);
        changed |= result.outcome != Outcome::rejected;
        // Over MQTT only: the HTTP uplink has no cmd (docs/protocol.md section 12).
        if (result.needs_birth && result.node && rebirths_.due(*result.node, now.steady_ms))
          births_wanted.push_back(*result.node);
      }
    }
    if (changed) publisher_.changed();
    // Never from this thread: a publish waits for Paho's mutex, which its receive thread holds
    // while it waits for room in the queue, that is, for this thread.
    if (!births_wanted.empty()) {
      asio::post(io_, [this, nodes = std::move(births_wanted)] {
        for (const NodeKey& node : nodes)
          request_birth(node);
      });
    }
  }

  // A site bridge's or a central instance's state; true when the indicator may have changed.
  bool on_other_topic(const std::string& topic, const std::string& payload) {
    if (std::string bridge = bridge_of_topic(topic); !bridge.empty()) {
      on_bridge_state(bridge, payload);
      return true;
    }
    if (auto instance = PublisherElection::instance_of_topic(topic)) {
      election_.note_state(*instance, payload);
    }
    return false;  // the city indicator, or another reserved topic
  }

  // One decoded message into the registry, then to the store; under a unique lock.
  IngestResult apply(const std::string& topic, DecodedMessage decoded, std::string payload,
                     Instant now) {
    IngestResult result = ingest_.apply(std::move(decoded), now);
    if (result.outcome == Outcome::rejected) {
      log_reject(topic, result, now.wall_ms);
      return result;
    }
    if (result.birth) {
      persistence_.note_birth(*result.birth, std::move(payload), now.wall_ms);
      if (result.node) rebirths_.answered(*result.node);
    }
    if (result.node) persistence_.note_node(*result.node);
    if (result.window && !result.window_live)
      persistence_.note_late_window(registry_, *result.window, now.wall_ms);
    return result;
  }

  void request_birth(const NodeKey& node) {
    const Instant now = clock_.now();
    const wire::Cmd cmd{.center = node.first,
                        .node = node.second,
                        .boot = std::nullopt,
                        .seq = std::nullopt,
                        .ts_ms = now.wall_ms,
                        .cmd = wire::Command::rebirth};
    if (rebirth_log_.allow(now.wall_ms)) {
      spdlog::info("{}/{}: windows without a birth for their boot: asking for one (cmd rebirth)",
                   node.first, node.second);
    }
    if (auto sent = mqtt_->publish(wire::topic_of(wire::Message{cmd}), wire::encode(cmd), false);
        !sent) {
      spdlog::debug("cmd rebirth to {}/{}: {}", node.first, node.second, sent.error());
    }
  }

  void log_reject(const std::string& topic, const IngestResult& result, std::uint64_t now) {
    if (reject_log_.allow(now)) {
      spdlog::warn("rejected a message on {}: {} ({})", topic, result.reject_reason,
                   result.reject_detail);
    }
  }

  void on_bridge_state(const std::string& bridge, const std::string& payload) {
    auto it = cfg_.bridges.find(bridge);
    if (it == cfg_.bridges.end()) return;
    bool up = payload == "1";
    spdlog::info("site bridge {} is {}", bridge, up ? "up" : "down");
    registry_.set_bridge_state(it->second, up, clock_.now());
  }

  // On the tick thread.
  void tick() {
    {
      Writing lk(state_mu_);
      registry_.tick(clock_.now());
    }
    publisher_.changed();  // node states may have moved
    flush();
    if (std::chrono::steady_clock::now() >= next_prune_) {
      prune_history(store_, cfg_.history_retention_days, CentralClock::wall_ms());
      next_prune_ = std::chrono::steady_clock::now() + kPrunePeriod;
    }
  }

  // The batch is collected under the lock and written to SQLite outside it.
  void flush() {
    Persistence::Prepared prepared;
    {
      Writing lk(state_mu_);
      prepared = persistence_.prepare(registry_, ingest_.rejects(), CentralClock::wall_ms());
    }
    const store::Status written = store_.write(prepared.batch);
    Writing lk(state_mu_);
    persistence_.finish(std::move(prepared), written);
    std::lock_guard health_lk(store_health_mu_);
    store_health_.store_errors_total = persistence_.errors();
    store_health_.store_write_error = persistence_.write_error();
  }

  // On the publisher's thread.
  bool publish_indicator() {
    std::string payload;
    {
      Reading lk(state_mu_);
      if (!election_.publishes(mqtt_->connected())) return false;
      nlohmann::json indicator = indicator_json(registry_, CentralClock::wall_ms());
      indicator["published_by"] = cfg_.id;
      payload = indicator.dump();
    }
    return publish(std::string(wire::kCityIndicatorTopic), payload);
  }

  bool publish(const std::string& topic, const std::string& payload) {
    auto sent = mqtt_->publish(topic, payload, true);
    if (!sent) spdlog::debug("{}: {}", topic, sent.error());
    return static_cast<bool>(sent);
  }

  // On the main thread: what Paho acknowledged is applied before the last flush.
  void shutdown(int signo) {
    spdlog::info("signal {}: stopping", signo);
    // The ingest thread goes on while the client stops, so that a callback waiting for room in
    // the queue returns (and with it Paho's mutex, which every publish waits for); then it
    // applies the rest of the queue and ends.
    worker_.release();
    ticker_.stop();
    publisher_.stop();
    publish(wire::central_state_topic(cfg_.id),
            central_state_payload(false, CentralClock::wall_ms()));
    mqtt_->stop(2s);
    queue_.close();
    worker_.join();
    flush();
    asio::post(http_io_, [this] {
      http_->stop();
      http_io_.stop();
    });
    http_thread_.join();
    io_.stop();
  }

  const config::CentralConfig& cfg_;
  CentralClock clock_;
  asio::io_context io_;
  asio::signal_set signals_{io_, SIGTERM, SIGINT};
  asio::io_context http_io_;
  mutable std::shared_mutex state_mu_;
  Registry registry_;
  Ingest ingest_;
  store::Store store_;
  Persistence persistence_;
  LogRateLimit reject_log_{10, 60'000};
  RebirthRequests rebirths_;
  LogRateLimit rebirth_log_{10, 60'000};
  PublisherElection election_{cfg_.id};
  IngestQueue queue_;
  IngestWorker worker_;
  IndicatorPublisher publisher_;
  PeriodicThread ticker_;
  std::chrono::steady_clock::time_point next_prune_ = std::chrono::steady_clock::now();
  mutable std::mutex store_health_mu_;
  HealthGauges store_health_;  // its store part, as of the last flush
  std::optional<http::HttpServer> http_;
  std::optional<mqtt::MqttClient> mqtt_;
  std::thread http_thread_;
};

}  // namespace

int run_central(const config::CentralConfig& cfg) {
  auto files = read_startup_files(cfg);
  if (!files) {
    for (const std::string& problem : files.error())
      spdlog::error("{}", problem);
    return kExitUsage;
  }
  auto store = store::Store::open(cfg.store_path);
  if (!store) {
    spdlog::error("store.path: {}", store.error());
    return kExitFailure;
  }
  auto service = std::make_unique<CentralService>(cfg, std::move(*store));
  return service->run(std::move(files->ingest_tokens), std::move(files->tls));
}

}  // namespace suanli::central
