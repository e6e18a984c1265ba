#include "agent/mqtt_uplink.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "agent/command_limit.hpp"
#include "agent/messages.hpp"
#include "agent/uplink_support.hpp"
#include "agent/window_spooler.hpp"
#include "uplink/mqtt/publisher.hpp"
#include "uplink/spool/spool.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::agent {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kStopWait{2000};

class MqttUplink final : public Uplink {
 public:
  MqttUplink(const config::AgentConfig& cfg, std::uint64_t boot, spool::Spool spool)
      : cfg_(cfg), boot_(boot), spool_(std::move(spool)) {}

  ~MqttUplink() override { stop(); }

  Expected<bool> open() {
    mqtt::PublisherSettings settings{
        .mqtt = cfg_.mqtt,
        .center = *cfg_.center,
        .node = cfg_.node,
        .client_id = cfg_.mqtt.client_id.value_or("suanli-agent-" + *cfg_.center + "-" + cfg_.node),
        .will_payload = encode_status(false, wire::Header{*cfg_.center, cfg_.node, boot_, 0, 0})};
    mqtt::PublisherCallbacks callbacks;
    callbacks.on_connected = [this] { on_connected(); };
    callbacks.on_delivered = [this](std::uint64_t token) { on_delivered(token); };
    callbacks.on_undelivered = [this](std::uint64_t token, const std::string&) {
      on_undelivered(token);
    };
    callbacks.on_command = [this](const std::string& payload) { on_command(payload); };
    callbacks.on_connection_lost = [this](const std::string& why) { on_connection_lost(why); };
    publisher_ = std::make_unique<mqtt::MqttPublisher>(std::move(settings), std::move(callbacks));
    return true;
  }

  void start(const wire::Birth& birth) override {
    {
      std::lock_guard lock(mutex_);
      birth_ = birth;
    }
    if (auto started = publisher_->start(); !started) {
      spdlog::error("mqtt: {}", started.error());
    }
    replayer_ = std::thread([this] { replay_loop(); });
  }

  void update_birth(const wire::Birth& birth) override {
    std::string payload;
    {
      std::lock_guard lock(mutex_);
      birth_ = birth;
      payload = birth_payload_locked();
    }
    send(wire::Kind::birth, payload, true, std::nullopt);
  }

  void publish(const wire::Data& window) override {
    std::string payload = wire::encode(window);
    std::optional<std::uint64_t> spooled;
    {
      std::lock_guard lock(mutex_);
      next_seq_ = window.header.seq + 1;
      spooled = spooler_.store(payload);
      if (!publisher_->connected()) {
        // A spooled window waits there and is replayed on hist; a memory-only one is lost.
        if (!spooled) spooler_.lost(1);
        return;
      }
      if (spooled) sent_.insert(*spooled);
    }
    send(wire::Kind::data, payload, false, spooled);
  }

  UplinkStats stats() const override {
    std::lock_guard lock(mutex_);
    return spooler_.stats(last_latency_ms_);
  }

  void stop() override {
    std::string offline;
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
      offline = encode_status(false, header_locked());
      wake_.notify_all();
    }
    if (replayer_.joinable()) replayer_.join();
    {
      std::lock_guard lock(mutex_);
      command_limit_.finish();
    }
    if (!publisher_) return;
    if (publisher_->connected()) {
      send(wire::Kind::status, offline, true, std::nullopt);
      // Give the last windows and the offline status a moment to be acknowledged.
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, kStopWait, [this] { return nothing_awaited_locked(); });
    }
    publisher_->stop(kStopWait);
  }

 private:
  struct InFlight {
    std::uint64_t spool_id;
    Clock::time_point sent;
  };

  wire::Header header_locked() const { return announcement_header(birth_, next_seq_); }
  std::string birth_payload_locked() const {
    return encode_birth(birth_, next_seq_, spooler_.faults());
  }
  bool nothing_awaited_locked() const {
    return in_flight_.empty() && expected_.empty() && unspooled_.empty();
  }

  // Publishes without holding mutex_ (Paho may call on_delivered from its own thread before
  // publish() returns; holding our lock across a Paho call invites a deadlock), then records
  // the token: a spool record to acknowledge, a memory-only window (data without a spool id),
  // or a token whose PUBACK is only awaited.
  void send(wire::Kind kind, const std::string& payload, bool retained,
            std::optional<std::uint64_t> spool_id) {
    bool memory_only = kind == wire::Kind::data && !spool_id;
    auto token = publisher_->publish(kind, payload, retained);
    std::lock_guard lock(mutex_);
    if (!token) {
      spdlog::debug("mqtt: {} not sent: {}", to_string(kind), token.error());
      if (spool_id) sent_.erase(*spool_id);
      if (memory_only) spooler_.lost(1);
      return;
    }
    bool already_acked = early_acks_.erase(*token) > 0;
    if (spool_id && already_acked) {
      acknowledge_locked(*spool_id, Clock::now());
    } else if (spool_id) {
      in_flight_[*token] = {*spool_id, Clock::now()};
    } else if (!already_acked) {
      (memory_only ? unspooled_ : expected_).insert(*token);
    }
    if (nothing_awaited_locked()) wake_.notify_all();
  }

  void acknowledge_locked(std::uint64_t spool_id, Clock::time_point sent) {
    spool_.acknowledge(spool_id);
    sent_.erase(spool_id);
    last_latency_ms_ = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
  }

  void on_connected() {
    std::string status;
    std::string birth;
    {
      std::lock_guard lock(mutex_);
      spdlog::info("mqtt: connected to {}", cfg_.mqtt.uri);
      status = encode_status(true, header_locked());
      birth = birth_payload_locked();
      // Everything in the spool now was not acknowledged: the backlog, replayed on hist.
      backlog_end_ = spool_.next_id();
      replay_cursor_ = 0;
    }
    send(wire::Kind::status, status, true, std::nullopt);
    send(wire::Kind::birth, birth, true, std::nullopt);
    wake_.notify_all();
  }

  void on_connection_lost(const std::string& why) {
    std::lock_guard lock(mutex_);
    spdlog::warn("mqtt: connection lost ({}); windows wait in the spool", why);
    // Clean session: these PUBACKs never come; the spool still has the records, but the
    // memory-only windows are lost.
    spooler_.lost(unspooled_.size());
    unspooled_.clear();
    in_flight_.clear();
    expected_.clear();
    early_acks_.clear();
    sent_.clear();
    wake_.notify_all();
  }

  void on_delivered(std::uint64_t token) {
    std::lock_guard lock(mutex_);
    if (auto it = in_flight_.find(token); it != in_flight_.end()) {
      acknowledge_locked(it->second.spool_id, it->second.sent);
      in_flight_.erase(it);
    } else if (expected_.erase(token) == 0 && unspooled_.erase(token) == 0) {
      early_acks_.insert(token);  // publish() has not returned this token yet
    }
    if (nothing_awaited_locked()) wake_.notify_all();
  }

  // Paho gave up on a publish: a memory-only window is lost (a spooled one stays in the spool).
  void on_undelivered(std::uint64_t token) {
    std::lock_guard lock(mutex_);
    if (unspooled_.erase(token) > 0) spooler_.lost(1);
    expected_.erase(token);
    if (nothing_awaited_locked()) wake_.notify_all();
  }

  void on_command(const std::string& payload) {
    {
      std::lock_guard lock(mutex_);
      // A command that arrives while the agent stops is neither acted on nor counted: the
      // episode's count was logged at stop.
      if (stopped_ || !command_limit_.admit()) return;
    }
    auto msg = wire::decode(wire::make_topic(*cfg_.center, cfg_.node, wire::Kind::cmd), payload);
    if (!msg) {
      spdlog::warn("mqtt: ignored a command: {}", msg.error().message());
      return;
    }
    spdlog::info("mqtt: rebirth requested");
    std::string birth;
    {
      std::lock_guard lock(mutex_);
      birth = birth_payload_locked();
    }
    send(wire::Kind::birth, birth, true, std::nullopt);
  }

  // Replays the backlog oldest first on hist, one record per 1/replay_per_s.
  void replay_loop() {
    auto period = std::chrono::microseconds(1000000 / std::max(1, cfg_.replay_per_s));
    while (true) {
      std::string hist;
      std::uint64_t id = 0;
      {
        std::unique_lock lock(mutex_);
        // Asleep until there is a backlog to replay and a connection; then paced.
        wake_.wait(lock, [this] {
          return stopped_ || (replay_cursor_ + 1 < backlog_end_ && publisher_->connected());
        });
        if (wake_.wait_for(lock, period, [this] { return stopped_; })) return;
        if (!publisher_->connected()) continue;
        auto next = spool_.read_after(replay_cursor_, 1);
        if (next.empty() || next.front().id >= backlog_end_) {
          replay_cursor_ = backlog_end_;  // the backlog is done
          continue;
        }
        id = next.front().id;
        replay_cursor_ = id;
        if (sent_.contains(id)) continue;
        auto converted = spooled_data_as_hist(cfg_, next.front().payload);
        if (!converted) {
          spdlog::warn("spool: record {} is not a data message; dropped", id);
          spool_.acknowledge(id);
          continue;
        }
        hist = std::move(*converted);
        sent_.insert(id);
      }
      send(wire::Kind::hist, hist, false, id);
    }
  }

  config::AgentConfig cfg_;
  std::uint64_t boot_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  spool::Spool spool_;
  WindowSpooler spooler_{spool_, cfg_.spool_max_bytes};
  CommandLimit command_limit_;
  std::unique_ptr<mqtt::MqttPublisher> publisher_;
  std::thread replayer_;
  wire::Birth birth_;
  std::map<std::uint64_t, InFlight> in_flight_;  // data and hist, by token id
  std::set<std::uint64_t> expected_;             // status and birth tokens awaiting PUBACK
  std::set<std::uint64_t> unspooled_;            // memory-only windows awaiting PUBACK
  std::set<std::uint64_t> early_acks_;           // PUBACKs that beat publish()'s return
  std::set<std::uint64_t> sent_;                 // spool ids in flight
  std::uint64_t backlog_end_ = 0;                // ids below it are replayed on hist
  std::uint64_t replay_cursor_ = 0;
  std::uint64_t next_seq_ = 0;
  std::optional<double> last_latency_ms_;
  bool stopped_ = false;
};

}  // namespace

Expected<std::unique_ptr<Uplink>> make_mqtt_uplink(const config::AgentConfig& cfg,
                                                   std::uint64_t boot) {
  using Result = Expected<std::unique_ptr<Uplink>>;
  auto spool = open_uplink_spool(cfg);
  if (!spool) return Result::failure("spool: " + spool.error());
  auto uplink = std::make_unique<MqttUplink>(cfg, boot, std::move(spool).value());
  if (auto opened = uplink->open(); !opened) return Result::failure(opened.error());
  return std::unique_ptr<Uplink>(std::move(uplink));
}

}  // namespace suanli::agent
