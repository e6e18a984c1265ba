#pragma once

// One Paho async client (one per process where possible: with Paho C 1.3.12 each further client
// in a process takes about 2 s to connect): QoS 1, a clean session (or a persistent one with
// mqtt.session_expiry_s, as central holds), a retained Last Will, subscriptions renewed on every
// connect, and reconnects with jittered exponential backoff. The agent's publisher, central's
// ingest and suanli-sim are built on it.
//
// Threads: callbacks run on Paho's callback thread or on the client's reconnect thread, never on
// the caller's. They must not call stop(). on_delivered(id) can run before publish() has returned
// id to its caller: hold one lock of your own around publish() and your bookkeeping, and take it
// in on_delivered. QoS 1 messages in flight when the connection drops are not reported
// delivered with a clean session: resend what must arrive after on_connected.
// on_message runs on Paho C's receive thread (MQTTAsync 1.3: Protocol_processPublication delivers
// at once), and Paho sends a QoS 1 message's PUBACK right after it returns: a message is the
// broker's no more once on_message has returned, and while on_message blocks, Paho reads nothing
// more (nor sends keepalive pings: block for less than the keepalive), and holds the Paho
// client's mutex, so that publish() on any thread waits until on_message returns.
// No method throws.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/expected.hpp"
#include "config/mqtt_config.hpp"
#include "uplink/mqtt/connect_options.hpp"

namespace suanli::mqtt {

struct ClientCallbacks {
  // Connected (again); the subscriptions have been requested.
  std::function<void()> on_connected;
  // QoS 1: the broker's PUBACK for publish()'s token id arrived. QoS 0: handed to the network.
  std::function<void(std::uint64_t token_id)> on_delivered;
  // The publish failed inside Paho after publish() returned (optional).
  std::function<void(std::uint64_t token_id, const std::string& reason)> on_undelivered;
  // A message on one of the subscriptions.
  std::function<void(const std::string& topic, const std::string& payload)> on_message;
  std::function<void(const std::string& reason)> on_connection_lost;
  // A connect attempt failed, or TLS reported an error (OpenSSL's text). Also logged.
  std::function<void(const std::string& error)> on_error;
};

struct ClientSettings {
  config::MqttConfig mqtt;
  std::string client_id;  // empty: mqtt.client_id
  LastWill will;
  std::vector<std::string> subscriptions;  // topic filters, subscribed at QoS 1
};

class MqttClient {
 public:
  MqttClient(ClientSettings settings, ClientCallbacks callbacks);
  ~MqttClient();  // stop(2 s)
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;

  // Checks the settings, creates the client and starts connecting in the background; returns at
  // once. Fails (with a message naming the key) on an unreadable password/CA/cert/key file or a
  // URI Paho rejects. Call once.
  Expected<bool> start();

  // Publishes at the configured QoS. Returns the token id that on_delivered reports, or an error
  // when not connected.
  Expected<std::uint64_t> publish(const std::string& topic, const std::string& payload,
                                  bool retained);

  bool connected() const;
  const std::string& client_id() const;

  // Stops reconnecting and disconnects cleanly (the broker does not send the Last Will), waiting
  // at most `timeout` for the DISCONNECT. Publishes nothing. Idempotent.
  void stop(std::chrono::milliseconds timeout);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::mqtt
