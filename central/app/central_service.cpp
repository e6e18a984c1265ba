#include "central/app/central_service.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <csignal>
#include <memory>
#include <nlohmann/json.hpp>

#include "central/app/api_routes.hpp"
#include "central/app/central_clock.hpp"
#include "central/app/mqtt_ingest.hpp"
#include "central/app/persistence.hpp"
#include "central/app/publisher_election.hpp"
#include "central/core/ingest.hpp"
#include "central/core/json_views.hpp"
#include "central/core/rebirth_requests.hpp"
#include "central/core/registry.hpp"
#include "central/http/server.hpp"
#include "central/http/server_tls.hpp"
#include "central/store/store.hpp"
#include "config/ingest_tokens.hpp"
#include "config/program.hpp"
#include "uplink/mqtt/client.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr auto kTickPeriod = 1s;   // node states, store flush, indicator publish
constexpr auto kPrunePeriod = 1h;  // history retention
constexpr std::uint64_t kDayMs = 24 * 3600 * 1000ULL;

class CentralService {
 public:
  CentralService(const config::CentralConfig& cfg, store::Store store)
      : cfg_(cfg),
        registry_(CoreSettings::from(cfg)),
        ingest_(registry_),
        store_(std::move(store)),
        persistence_(store_) {}

  int run(std::vector<config::IngestToken> ingest_tokens, std::optional<http::ServerTls> tls) {
    auto restored = persistence_.restore(registry_, clock_.now());
    if (!restored) {
      spdlog::error("store: {}", restored.error());
      return kExitFailure;
    }
    spdlog::info("store {}: {} nodes restored", store_.path(), *restored);

    const char* scheme = tls ? "https" : "http";
    http_.emplace(io_, make_api_router(api_context(std::move(ingest_tokens))), http::ServerLimits{},
                  std::move(tls));
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
    signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (!ec) shutdown(signo);
    });
    schedule_tick();
    schedule_prune(0s);
    io_.run();
    return kExitOk;
  }

 private:
  ApiContext api_context(std::vector<config::IngestToken> tokens) {
    return {
        .registry = registry_,
        .ingest = ingest_,
        .store = store_,
        .now_ms = CentralClock::wall_ms,
        .gauges = [this] { return gauges(); },
        .ingest_message =
            [this](const std::string& topic, const std::string& payload) {
              return apply(topic, payload).outcome != Outcome::rejected;
            },
        .refuse_message =
            [this](const std::string& topic, std::string_view reason, const std::string& detail) {
              log_reject(topic, ingest_.refuse(reason, detail), CentralClock::wall_ms());
            },
        .on_identity_mismatch =
            [this](const std::string& token, const std::string& center, const std::string& node) {
              registry_.note_identity_mismatch(NodeKey{center, node},
                                               "HTTP ingest token '" + token +
                                                   "' posted for center " + center +
                                                   ", which it does not belong to: refused",
                                               clock_.now());
            },
        .ingest_tokens = std::move(tokens)};
  }

  mqtt::ClientCallbacks mqtt_callbacks() {
    mqtt::ClientCallbacks cb;
    cb.on_connected = [this] { asio::post(io_, [this] { on_connected(); }); };
    cb.on_message = [this](const std::string& topic, const std::string& payload) {
      ++queued_;
      asio::post(io_, [this, topic, payload] {
        --queued_;
        on_message(topic, payload);
      });
    };
    return cb;
  }

  ServiceGauges gauges() const {
    return {.mqtt_connected = mqtt_ && mqtt_->connected(),
            .store_errors_total = persistence_.errors(),
            .ingest_queue = queued_.load(),
            .history_folds = persistence_.folds().by_outcome,
            .history_folds_dropped = persistence_.folds().dropped,
            .store_write_error = persistence_.write_error(),
            .http_connections = http_ ? http_->connections() : http::ConnectionCounts{},
            .energy_kwh_by_center = persistence_.energy().center_totals()};
  }

  void on_connected() {
    publish(wire::central_state_topic(cfg_.id),
            central_state_payload(true, CentralClock::wall_ms()));
  }

  void on_message(const std::string& topic, const std::string& payload) {
    if (std::string bridge = bridge_of_topic(topic); !bridge.empty()) {
      on_bridge_state(bridge, payload);
      return;
    }
    if (auto instance = PublisherElection::instance_of_topic(topic)) {
      election_.note_state(*instance, payload);
      return;
    }
    if (wire::is_reserved_topic(topic)) return;  // the city indicator
    const IngestResult result = apply(topic, payload);
    // Over MQTT only: the HTTP uplink has no cmd (docs/protocol.md section 12).
    if (result.needs_birth && result.node) request_birth(*result.node);
  }

  // One message through the ingest's front door, then to the store.
  IngestResult apply(const std::string& topic, const std::string& payload) {
    const Instant now = clock_.now();
    IngestResult result = ingest_.accept(topic, payload, now);
    if (result.outcome == Outcome::rejected) {
      log_reject(topic, result, now.wall_ms);
      return result;
    }
    if (result.birth) {
      persistence_.note_birth(*result.birth, payload, now.wall_ms);
      if (result.node) rebirths_.answered(*result.node);
    }
    if (result.node) persistence_.note_node(*result.node);
    if (result.window && !result.window_live)
      persistence_.note_late_window(registry_, *result.window, now.wall_ms);
    return result;
  }

  void request_birth(const NodeKey& node) {
    const Instant now = clock_.now();
    if (!rebirths_.due(node, now.steady_ms)) return;
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

  void schedule_tick() {
    tick_timer_.expires_after(kTickPeriod);
    tick_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || stopping_) return;
      tick();
      schedule_tick();
    });
  }

  void tick() {
    const Instant now = clock_.now();
    registry_.tick(now);
    persistence_.flush(registry_, ingest_.rejects(), now.wall_ms);
    // Every second: node states move with time and generated_ms always changes.
    if (election_.publishes(mqtt_->connected())) {
      nlohmann::json indicator = indicator_json(registry_, now.wall_ms);
      indicator["published_by"] = cfg_.id;
      publish(std::string(wire::kCityIndicatorTopic), indicator.dump());
    }
  }

  void schedule_prune(std::chrono::seconds delay) {
    prune_timer_.expires_after(delay);
    prune_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || stopping_) return;
      auto horizon =
          static_cast<std::int64_t>(CentralClock::wall_ms() - cfg_.history_retention_days * kDayMs);
      if (auto pruned = store_.prune_history(horizon); !pruned) {
        spdlog::error("store: {}", pruned.error());
      } else if (*pruned > 0) {
        spdlog::info("store: {} history rows older than {} days deleted", *pruned,
                     cfg_.history_retention_days);
      }
      schedule_prune(kPrunePeriod);
    });
  }

  void publish(const std::string& topic, const std::string& payload) {
    if (auto sent = mqtt_->publish(topic, payload, true); !sent) {
      spdlog::debug("{}: {}", topic, sent.error());
    }
  }

  void shutdown(int signo) {
    spdlog::info("signal {}: stopping", signo);
    stopping_ = true;
    tick_timer_.cancel();
    prune_timer_.cancel();
    publish(wire::central_state_topic(cfg_.id),
            central_state_payload(false, CentralClock::wall_ms()));
    mqtt_->stop(2s);
    // Paho acknowledged every message it received before on_message ran, so the broker will not
    // send them again: apply those still queued here (posted before this) before the last flush.
    asio::post(io_, [this] {
      persistence_.flush(registry_, ingest_.rejects(), CentralClock::wall_ms());
      http_->stop();
      io_.stop();
    });
  }

  const config::CentralConfig& cfg_;
  CentralClock clock_;
  asio::io_context io_;
  asio::signal_set signals_{io_, SIGTERM, SIGINT};
  asio::steady_timer tick_timer_{io_};
  asio::steady_timer prune_timer_{io_};
  Registry registry_;
  Ingest ingest_;
  store::Store store_;
  Persistence persistence_;
  LogRateLimit reject_log_{10, 60'000};
  RebirthRequests rebirths_;
  LogRateLimit rebirth_log_{10, 60'000};
  PublisherElection election_{cfg_.id};
  std::optional<http::HttpServer> http_;
  std::optional<mqtt::MqttClient> mqtt_;
  std::atomic<std::uint64_t> queued_{0};
  bool stopping_ = false;
};

// What central reads besides its config, before it starts: errors name the key (exit 2).
struct StartupFiles {
  std::vector<config::IngestToken> ingest_tokens;
  std::optional<http::ServerTls> tls;
};

Expected<StartupFiles, std::vector<std::string>> read_startup_files(
    const config::CentralConfig& cfg) {
  using Result = Expected<StartupFiles, std::vector<std::string>>;
  StartupFiles files;
  if (cfg.ingest_tokens_file) {
    auto tokens = config::load_ingest_tokens_file(*cfg.ingest_tokens_file);
    if (!tokens) {
      std::vector<std::string> problems;
      for (const std::string& p : tokens.error())
        problems.push_back("http.ingest_tokens_file: " + p);
      return Result::failure(std::move(problems));
    }
    files.ingest_tokens = std::move(tokens->tokens);
  }
  if (cfg.http_tls_cert_file && cfg.http_tls_key_file) {
    auto tls = http::ServerTls::load(*cfg.http_tls_cert_file, *cfg.http_tls_key_file);
    if (!tls) return Result::failure({tls.error()});
    files.tls = std::move(*tls);
  }
  return files;
}

}  // namespace

std::vector<std::string> startup_file_problems(const config::CentralConfig& cfg) {
  auto files = read_startup_files(cfg);
  return files ? std::vector<std::string>{} : files.error();
}

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
