#include "uplink/mqtt/client.hpp"

#include <MQTTAsync.h>
#include <mqtt/async_client.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "uplink/mqtt/action_listener.hpp"
#include "uplink/mqtt/backoff.hpp"
#include "uplink/mqtt/connect_options.hpp"
#include "uplink/mqtt/tls_probe.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::mqtt {
// Not in an anonymous namespace: MqttClient::Impl (external linkage) holds it.
namespace client_detail {

// Reconnect state, guarded by Impl::mu_.
enum class Phase { idle, need_connect, connecting, connected, retry };

}  // namespace client_detail

namespace {

using namespace std::chrono_literals;
using client_detail::Phase;

std::string token_error(const ::mqtt::token& t) {
  int rc = t.get_return_code();
  // Paho C reports a refused TCP connect and a failed TLS handshake both as -1 ("Failure").
  std::string s = rc == -1 ? "TCP/TLS connect failure" : ::mqtt::exception::error_str(rc);
  if (t.get_reason_code() > ::mqtt::ReasonCode::SUCCESS) {
    std::string reason = ::mqtt::exception::reason_code_str(t.get_reason_code());
    if (!reason.empty()) s += " (" + reason + ")";
  }
  return s;
}

// OpenSSL 3 initialises itself when TLS is first used; Paho's own init would load every error
// string and cipher table at the first client, TLS or not (about 1.4 MB of RSS).
// Paho C (without HIGH_PERFORMANCE, as Debian builds it) writes an entry into its in-memory trace
// ring at every entry to and exit from its functions, under a mutex, with a timestamp and the
// function's name: most of what its threads cost each time they wake. Only its errors go there
// from now on, unless Paho's own MQTT_C_CLIENT_TRACE asks for a trace.
void init_paho_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    MQTTAsync_init_options opts = MQTTAsync_init_options_initializer;
    opts.do_openssl_init = 0;
    MQTTAsync_global_init(&opts);
    if (std::getenv("MQTT_C_CLIENT_TRACE") == nullptr) {
      MQTTAsync_setTraceLevel(MQTTASYNC_TRACE_ERROR);
    }
  });
}

template <class F, class... A>
void call(const F& f, A&&... args) {
  if (!f) return;
  try {
    f(std::forward<A>(args)...);
  } catch (const std::exception& e) {
    spdlog::error("mqtt: callback threw: {}", e.what());
  } catch (...) {
    spdlog::error("mqtt: callback threw");
  }
}

}  // namespace

class MqttClient::Impl {
  using Listener = ActionListener;
  using Phase = client_detail::Phase;

 public:
  Impl(ClientSettings s, ClientCallbacks cb)
      : s_(std::move(s)),
        cb_(std::move(cb)),
        backoff_(std::chrono::milliseconds(s_.mqtt.reconnect_min_ms),
                 std::chrono::milliseconds(s_.mqtt.reconnect_max_ms)),
        connect_listener_([this](const ::mqtt::token& t, bool ok) { on_connect_result(t, ok); }),
        delivery_listener_([this](const ::mqtt::token& t, bool ok) { on_delivery(t, ok); }) {
    if (s_.client_id.empty()) s_.client_id = s_.mqtt.client_id.value_or("");
  }

  ~Impl() {
    stop(2s);
    client_.reset();  // before the listeners it refers to
  }

  Expected<bool> start() {
    auto opts = make_connect_options(s_.mqtt, s_.will);
    if (!opts) return Expected<bool>::failure(opts.error());
    opts_ = std::move(*opts);
    keep_properties(opts_);
    init_paho_once();
    try {
      std::string uri = paho_uri(s_.mqtt.uri);
      // A null persistence: nothing on disk (a string argument, even "", would be a directory).
      if (s_.mqtt.version == 5) {
        client_ = std::make_unique<::mqtt::async_client>(
            uri, s_.client_id, ::mqtt::create_options(MQTTVERSION_5),
            static_cast<::mqtt::iclient_persistence*>(nullptr));
      } else {
        client_ = std::make_unique<::mqtt::async_client>(
            uri, s_.client_id, static_cast<::mqtt::iclient_persistence*>(nullptr));
      }
      client_->set_connection_lost_handler([this](const std::string& c) { on_lost(c); });
      client_->set_message_callback([this](::mqtt::const_message_ptr m) { on_message(m); });
    } catch (const std::exception& e) {
      client_.reset();
      return Expected<bool>::failure("mqtt.uri: " + std::string(e.what()));
    }
    {
      std::lock_guard lk(mu_);
      phase_ = Phase::need_connect;
    }
    worker_ = std::thread([this] { run(); });
    return true;
  }

  Expected<std::uint64_t> publish(const std::string& topic, const std::string& payload,
                                  bool retained) {
    using Result = Expected<std::uint64_t>;
    if (!connected_.load()) return Result::failure("mqtt: not connected");
    std::uint64_t id = ++next_id_;
    try {
      int qos = std::clamp(s_.mqtt.qos, 0, 1);
      auto msg = ::mqtt::make_message(topic, payload, qos, retained);
      // The token id rides in the user context, so the listener needs no map.
      client_->publish(msg, reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)),
                       delivery_listener_);
    } catch (const std::exception& e) {
      return Result::failure(std::string("mqtt publish: ") + e.what());
    }
    return id;
  }

  bool connected() const { return connected_.load(); }
  const std::string& client_id() const { return s_.client_id; }

  void stop(std::chrono::milliseconds timeout) {
    {
      std::unique_lock lk(mu_);
      if (stopped_) return;
      stopped_ = true;
      stopping_ = true;
      cv_.notify_all();
      // Let a connect in flight finish, so it cannot complete after the disconnect.
      cv_.wait_for(lk, timeout, [&] { return phase_ != Phase::connecting; });
    }
    if (worker_.joinable()) worker_.join();
    if (!client_) return;
    connected_ = false;
    try {
      if (client_->is_connected()) {
        auto ms = static_cast<int>(std::min<std::int64_t>(timeout.count(), INT32_MAX));
        client_->disconnect(ms)->wait_for(timeout);
      }
    } catch (const std::exception& e) {
      spdlog::warn("mqtt: disconnect: {}", e.what());
    }
    spdlog::info("mqtt: stopped");
  }

 private:
  // The reconnect thread: launches a connect, waits for its outcome, backs off after a failure or
  // a lost connection.
  void run() {
    std::unique_lock lk(mu_);
    while (!stopping_) {
      if (phase_ == Phase::need_connect) {
        phase_ = Phase::connecting;
        lk.unlock();
        bool launched = launch_connect();
        lk.lock();
        if (!launched && phase_ == Phase::connecting) phase_ = Phase::retry;
        cv_.notify_all();
        continue;
      }
      if (phase_ == Phase::retry && tls_probe_due_) {
        // Once per failure streak: ask OpenSSL why (see tls_probe.hpp).
        tls_probe_due_ = false;
        lk.unlock();
        std::string why = tls_probe(s_.mqtt, 3s);
        if (!why.empty()) report_error("TLS: " + why);
        lk.lock();
        continue;
      }
      if (phase_ == Phase::retry) {
        auto delay = backoff_.next();
        spdlog::info("mqtt: reconnecting to {} in {} ms", s_.mqtt.uri, delay.count());
        if (cv_.wait_for(lk, delay, [&] { return stopping_; })) break;
        phase_ = Phase::need_connect;
        continue;
      }
      cv_.wait(
          lk, [&] { return stopping_ || phase_ == Phase::need_connect || phase_ == Phase::retry; });
    }
  }

  bool launch_connect() {
    try {
      client_->connect(opts_, nullptr, connect_listener_);
      return true;
    } catch (const std::exception& e) {
      report_error(std::string("connect: ") + e.what());
      return false;
    }
  }

  void on_connect_result(const ::mqtt::token& t, bool ok) {
    {
      std::lock_guard lk(mu_);
      phase_ = ok ? Phase::connected : Phase::retry;
      if (ok) {
        backoff_.reset();
        tls_probed_ = false;
      } else if (is_tls_uri(s_.mqtt.uri) && !tls_probed_) {
        tls_probe_due_ = tls_probed_ = true;
      }
      cv_.notify_all();
      if (ok && stopping_) {
        connected_ = true;  // stop() disconnects it
        return;
      }
    }
    if (!ok) {
      report_error("connect to " + s_.mqtt.uri + " failed: " + token_error(t));
      return;
    }
    connected_ = true;
    int negotiated = 0;
    bool session_present = false;
    try {
      auto response = t.get_connect_response();
      negotiated = response.get_mqtt_version();
      session_present = response.is_session_present();
    } catch (const std::exception&) {
    }
    // Session present: the broker kept this client's session (subscriptions, queued messages).
    spdlog::info("mqtt: connected to {} as {} (MQTT protocol level {}, {})", s_.mqtt.uri,
                 s_.client_id, negotiated, session_present ? "session present" : "new session");
    for (const auto& filter : s_.subscriptions) {
      try {
        client_->subscribe(filter, wire::kQos);
      } catch (const std::exception& e) {
        report_error("subscribe " + filter + ": " + e.what());
      }
    }
    call(cb_.on_connected);
  }

  void on_lost(const std::string& cause) {
    connected_ = false;
    std::string reason = cause.empty() ? "connection lost" : cause;
    {
      std::lock_guard lk(mu_);
      if (stopping_) return;
      phase_ = Phase::retry;
      cv_.notify_all();
    }
    spdlog::warn("mqtt: {} ({})", reason, s_.mqtt.uri);
    call(cb_.on_connection_lost, reason);
  }

  void on_message(const ::mqtt::const_message_ptr& m) {
    if (!m) return;
    call(cb_.on_message, m->get_topic(), m->to_string());
  }

  void on_delivery(const ::mqtt::token& t, bool ok) {
    auto id = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(t.get_user_context()));
    if (ok) {
      call(cb_.on_delivered, id);
    } else {
      std::string reason = token_error(t);
      spdlog::warn("mqtt: publish {} not delivered: {}", id, reason);
      call(cb_.on_undelivered, id, reason);
    }
  }

  void report_error(const std::string& text) {
    spdlog::error("mqtt: {}", text);
    call(cb_.on_error, text);
  }

  ClientSettings s_;
  ClientCallbacks cb_;
  ::mqtt::connect_options opts_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  Phase phase_ = Phase::idle;
  bool stopping_ = false;
  bool stopped_ = false;
  bool tls_probe_due_ = false;
  bool tls_probed_ = false;
  Backoff backoff_;

  std::atomic<bool> connected_{false};
  std::atomic<std::uint64_t> next_id_{0};
  Listener connect_listener_;
  Listener delivery_listener_;
  std::unique_ptr<::mqtt::async_client> client_;
  std::thread worker_;
};

MqttClient::MqttClient(ClientSettings settings, ClientCallbacks callbacks)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(callbacks))) {}

MqttClient::~MqttClient() = default;

Expected<bool> MqttClient::start() {
  return impl_->start();
}

Expected<std::uint64_t> MqttClient::publish(const std::string& topic, const std::string& payload,
                                            bool retained) {
  return impl_->publish(topic, payload, retained);
}

bool MqttClient::connected() const {
  return impl_->connected();
}

const std::string& MqttClient::client_id() const {
  return impl_->client_id();
}

void MqttClient::stop(std::chrono::milliseconds timeout) {
  impl_->stop(timeout);
}

}  // namespace suanli::mqtt
