#pragma once

// Records MqttPublisher callbacks for tests; wait_for() polls a predicate under the lock.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "uplink/mqtt/publisher.hpp"

namespace suanli::test {

struct Recorder {
  std::mutex mu;
  std::condition_variable cv;
  int connected = 0;
  int lost = 0;
  std::vector<std::uint64_t> delivered;
  std::vector<std::string> commands;
  std::vector<std::string> errors;

  mqtt::PublisherCallbacks callbacks() {
    mqtt::PublisherCallbacks cb;
    cb.on_connected = [this] { update([&] { ++connected; }); };
    cb.on_connection_lost = [this](const std::string&) { update([&] { ++lost; }); };
    cb.on_delivered = [this](std::uint64_t id) { update([&] { delivered.push_back(id); }); };
    cb.on_command = [this](const std::string& p) { update([&] { commands.push_back(p); }); };
    cb.on_error = [this](const std::string& e) { update([&] { errors.push_back(e); }); };
    return cb;
  }

  template <class F>
  void update(F f) {
    std::lock_guard lk(mu);
    f();
    cv.notify_all();
  }

  template <class P>
  bool wait_for(P pred, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lk(mu);
    return cv.wait_for(lk, limit, pred);
  }

  // Call with mu held (inside a wait_for predicate).
  bool has_error_locked(const std::string& needle) const {
    for (const auto& e : errors)
      if (e.find(needle) != std::string::npos) return true;
    return false;
  }

  std::string all_errors() {
    std::lock_guard lk(mu);
    std::string s;
    for (const auto& e : errors)
      s += e + "\n";
    return s;
  }
};

inline mqtt::PublisherSettings settings_for(const std::string& uri, int version = 5) {
  mqtt::PublisherSettings s;
  s.mqtt.uri = uri;
  s.mqtt.version = version;
  s.mqtt.keepalive_s = 5;
  s.mqtt.reconnect_min_ms = 100;
  s.mqtt.reconnect_max_ms = 400;
  s.center = "sz-ai";
  s.node = "gpu-01";
  s.client_id = "suanli-test";
  s.will_payload = R"({"online":false})";
  return s;
}

}  // namespace suanli::test
