#pragma once

// The agent's MQTT uplink: an MqttClient (client.hpp, whose threading rules apply) with the
// node's topics: retained Last Will on the status topic, subscription to the node's cmd topic.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "config/expected.hpp"
#include "config/mqtt_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::mqtt {

struct PublisherCallbacks {
  // Connected (again); the cmd subscription has been requested. Publish retained status online
  // and birth here.
  std::function<void()> on_connected;
  // QoS 1: the broker's PUBACK for publish()'s token id arrived. QoS 0: handed to the network.
  std::function<void(std::uint64_t token_id)> on_delivered;
  // The publish failed inside Paho after publish() returned (optional).
  std::function<void(std::uint64_t token_id, const std::string& reason)> on_undelivered;
  // A message on suanli/v1/<center>/<node>/cmd.
  std::function<void(const std::string& payload)> on_command;
  std::function<void(const std::string& reason)> on_connection_lost;
  // A connect attempt failed, or TLS reported an error (OpenSSL's text). Also logged.
  std::function<void(const std::string& error)> on_error;
};

struct PublisherSettings {
  config::MqttConfig mqtt;
  std::string center;
  std::string node;
  std::string client_id;
  std::string will_payload;  // the encoded status {"online":false}, sent retained by the broker
};

class MqttPublisher {
 public:
  MqttPublisher(PublisherSettings settings, PublisherCallbacks callbacks);
  ~MqttPublisher();  // stop(2 s)
  MqttPublisher(const MqttPublisher&) = delete;
  MqttPublisher& operator=(const MqttPublisher&) = delete;

  // Checks the settings, creates the client and starts connecting in the background; returns at
  // once. Fails (with a message naming the key) on an unreadable password/CA/cert/key file or a
  // URI Paho rejects. Call once.
  Expected<bool> start();

  // Publishes to suanli/v1/<center>/<node>/<kind> at the configured QoS. Returns the token id
  // that on_delivered reports, or an error when not connected (keep the record in the spool).
  Expected<std::uint64_t> publish(wire::Kind kind, const std::string& payload, bool retained);

  bool connected() const;

  // Stops reconnecting and disconnects cleanly (the broker does not send the Last Will), waiting
  // at most `timeout` for the DISCONNECT. Publishes nothing. Idempotent.
  void stop(std::chrono::milliseconds timeout);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::mqtt
