#include "agent/fleet/fleet_connection.hpp"

#include <mqtt/async_client.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <utility>

#include "agent/messages.hpp"
#include "uplink/mqtt/action_listener.hpp"
#include "uplink/mqtt/backoff.hpp"
#include "uplink/mqtt/connect_options.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::fleet {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kConnectWait = 15s;
constexpr auto kDrainWait = 5s;
constexpr auto kDisconnectWait = 2s;
constexpr auto kPollStep = 50ms;

// A publish's user context: the connection generation it was sent in, and its kind.
std::uintptr_t make_context(std::uint64_t generation, wire::Kind kind) {
  return static_cast<std::uintptr_t>(generation << 2 | static_cast<std::uint64_t>(kind));
}
static_assert(static_cast<int>(wire::Kind::hist) < 4, "the kind takes two bits of the context");

}  // namespace

::mqtt::create_options paho_create_options(const config::FleetConfig& cfg) {
  return ::mqtt::create_options(MQTTVERSION_5, cfg.max_in_flight);
}

class FleetConnection::Impl {
 public:
  Impl(const config::FleetConfig& cfg, std::vector<SimNode> nodes, std::string client_id,
       Pacing pacing, FleetCounters& counters, const std::atomic<bool>& stop)
      : cfg_(cfg),
        nodes_(std::move(nodes)),
        client_id_(std::move(client_id)),
        pacing_(pacing),
        counters_(counters),
        stop_(stop),
        backoff_(std::chrono::milliseconds(cfg.mqtt.reconnect_min_ms),
                 std::chrono::milliseconds(cfg.mqtt.reconnect_max_ms)),
        listener_([this](const ::mqtt::token& t, bool ok) { on_delivery(t, ok); }) {}

  ~Impl() {
    join();
    client_.reset();  // before the listener it refers to
  }

  Expected<bool> start(Clock::time_point t0) {
    const SimNode& first = nodes_.front();
    mqtt::LastWill will{wire::make_topic(first.center(), first.node(), wire::Kind::status),
                        first.status_payload(false, agent::now_ms())};
    auto opts = mqtt::make_connect_options(cfg_.mqtt, will);
    if (!opts) return Expected<bool>::failure(opts.error());
    opts_ = std::move(*opts);
    mqtt::keep_properties(opts_);
    opts_.set_max_inflight(cfg_.max_in_flight);
    try {
      std::string uri = mqtt::paho_uri(cfg_.mqtt.uri);
      auto* no_persistence = static_cast<::mqtt::iclient_persistence*>(nullptr);
      client_ = cfg_.mqtt.version == 5
                    ? std::make_unique<::mqtt::async_client>(
                          uri, client_id_, paho_create_options(cfg_), no_persistence)
                    : std::make_unique<::mqtt::async_client>(uri, client_id_, no_persistence);
      client_->set_connection_lost_handler([this](const std::string& why) { on_lost(why); });
    } catch (const std::exception& e) {
      client_.reset();
      return Expected<bool>::failure("mqtt.uri: " + std::string(e.what()));
    }
    thread_ = std::thread([this, t0] { run(t0); });
    return true;
  }

  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  bool stopping() const { return stop_.load(); }

  // Under mutex_.
  std::uint64_t in_flight() const {
    return std::accumulate(in_flight_.begin(), in_flight_.end(), std::uint64_t{0});
  }

  void run(Clock::time_point t0) {
    const std::uint64_t n = nodes_.size();
    const std::uint64_t limit = cfg_.stop_after_windows;
    for (std::uint64_t k = 0; !stopping() && (limit == 0 || k < n * limit); ++k) {
      if (!ensure_connected()) break;
      if (!sleep_until(t0 + pacing_.offset + pacing_.period * static_cast<std::int64_t>(k))) break;
      if (!wait_for_room(false)) break;
      SimNode& node = nodes_[k % n];
      std::string payload = node.next_window_payload(agent::now_ms());
      send(node, wire::Kind::data, payload);
    }
    shut_down();
  }

  // Sleeps until `due`; false when asked to stop first.
  bool sleep_until(Clock::time_point due) {
    while (!stopping()) {
      auto now = Clock::now();
      if (now >= due) return true;
      std::this_thread::sleep_for(std::min<Clock::duration>(due - now, kPollStep));
    }
    return false;
  }

  // Connected, with every node's status and birth published; false when asked to stop first.
  bool ensure_connected() {
    while (!connected_.load()) {
      if (stopping()) return false;
      if (connect()) {
        backoff_.reset();
        announce();
        return true;
      }
      auto delay = backoff_.next();
      spdlog::info("mqtt {}: reconnecting in {} ms", client_id_, delay.count());
      if (!sleep_until(Clock::now() + delay)) return false;
    }
    return true;
  }

  bool connect() {
    try {
      auto token = client_->connect(opts_);
      if (!token->wait_for(kConnectWait)) {
        spdlog::warn("mqtt {}: connect to {} timed out", client_id_, cfg_.mqtt.uri);
        return false;
      }
    } catch (const std::exception& e) {
      spdlog::warn("mqtt {}: connect to {} failed: {}", client_id_, cfg_.mqtt.uri, e.what());
      return false;
    }
    connected_ = true;
    spdlog::info("mqtt {}: connected to {} for {} nodes", client_id_, cfg_.mqtt.uri, nodes_.size());
    return true;
  }

  void announce() {
    for (const auto& node : nodes_) {
      auto now = agent::now_ms();
      if (!wait_for_room(false)) return;
      send(node, wire::Kind::status, node.status_payload(true, now));
      if (!wait_for_room(false)) return;
      send(node, wire::Kind::birth, node.birth_payload(now));
    }
  }

  // Waits until fewer than max_in_flight publishes are unacknowledged. False when the
  // connection is down, or (unless `ignore_stop`) when asked to stop.
  bool wait_for_room(bool ignore_stop) {
    std::unique_lock lock(mutex_);
    while (in_flight() >= static_cast<std::uint64_t>(cfg_.max_in_flight)) {
      if (!connected_.load() || (!ignore_stop && stopping())) return false;
      acked_.wait_for(lock, kPollStep);
    }
    return connected_.load();
  }

  KindCounters& counters_of(wire::Kind kind) {
    if (kind == wire::Kind::birth) return counters_.births;
    return kind == wire::Kind::status ? counters_.statuses : counters_.windows;
  }

  // Publishes without holding mutex_ (Paho may report the delivery before publish() returns).
  void send(const SimNode& node, wire::Kind kind, const std::string& payload) {
    std::uint64_t generation = 0;
    {
      std::lock_guard lock(mutex_);
      generation = generation_;
      ++in_flight_[static_cast<std::size_t>(kind)];
    }
    ++counters_of(kind).published;
    try {
      auto msg = ::mqtt::make_message(wire::make_topic(node.center(), node.node(), kind), payload,
                                      std::clamp(cfg_.mqtt.qos, 0, 1), wire::is_retained(kind));
      client_->publish(msg, reinterpret_cast<void*>(make_context(generation, kind)), listener_);
    } catch (const std::exception& e) {
      spdlog::warn("mqtt {}: publish refused: {}", client_id_, e.what());
      settle(generation, kind, false);
    }
  }

  void on_delivery(const ::mqtt::token& t, bool ok) {
    auto context = reinterpret_cast<std::uintptr_t>(t.get_user_context());
    settle(context >> 2, static_cast<wire::Kind>(context & 3), ok);
  }

  void settle(std::uint64_t generation, wire::Kind kind, bool ok) {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return;  // already counted failed when its connection died
    --in_flight_[static_cast<std::size_t>(kind)];
    ++(ok ? counters_of(kind).acknowledged : counters_of(kind).failed);
    acked_.notify_all();
  }

  void on_lost(const std::string& why) {
    spdlog::warn("mqtt {}: connection lost: {}", client_id_, why.empty() ? "(no reason)" : why);
    abandon_in_flight();
  }

  // Publishes in flight on a dead connection are never acknowledged (clean session).
  void abandon_in_flight() {
    std::lock_guard lock(mutex_);
    connected_ = false;
    for (wire::Kind kind : {wire::Kind::status, wire::Kind::birth, wire::Kind::data}) {
      counters_of(kind).failed += std::exchange(in_flight_[static_cast<std::size_t>(kind)], 0);
    }
    ++generation_;
    acked_.notify_all();
  }

  void shut_down() {
    if (connected_.load()) {
      auto now = agent::now_ms();
      for (const auto& node : nodes_) {
        if (!wait_for_room(true)) break;
        send(node, wire::Kind::status, node.status_payload(false, now));
      }
      // Waits while PUBACKs keep coming: a large fleet's offline statuses take longer than
      // kDrainWait, which bounds only a broker that stopped answering.
      std::unique_lock lock(mutex_);
      while (in_flight() > 0 && connected_.load()) {
        const std::uint64_t before = in_flight();
        auto progress = [&] { return in_flight() < before || !connected_.load(); };
        if (!acked_.wait_for(lock, kDrainWait, progress)) break;  // no PUBACK for kDrainWait
      }
    }
    try {
      if (client_->is_connected()) client_->disconnect()->wait_for(kDisconnectWait);
    } catch (const std::exception& e) {
      spdlog::warn("mqtt {}: disconnect: {}", client_id_, e.what());
    }
    abandon_in_flight();
  }

  const config::FleetConfig& cfg_;
  std::vector<SimNode> nodes_;
  std::string client_id_;
  Pacing pacing_;
  FleetCounters& counters_;
  const std::atomic<bool>& stop_;
  mqtt::Backoff backoff_;
  ::mqtt::connect_options opts_;
  mqtt::ActionListener listener_;
  std::unique_ptr<::mqtt::async_client> client_;
  std::thread thread_;

  std::atomic<bool> connected_{false};
  std::mutex mutex_;
  std::condition_variable acked_;
  std::uint64_t generation_ = 0;
  std::array<std::uint64_t, 4> in_flight_{};  // by wire::Kind
};

FleetConnection::FleetConnection(const config::FleetConfig& cfg, std::vector<SimNode> nodes,
                                 std::string client_id, Pacing pacing, FleetCounters& counters,
                                 const std::atomic<bool>& stop)
    : impl_(std::make_unique<Impl>(cfg, std::move(nodes), std::move(client_id), pacing, counters,
                                   stop)) {}

FleetConnection::~FleetConnection() = default;

Expected<bool> FleetConnection::start(std::chrono::steady_clock::time_point t0) {
  return impl_->start(t0);
}

void FleetConnection::join() {
  impl_->join();
}

}  // namespace suanli::fleet
