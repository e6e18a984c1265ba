#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace suanli::config {

// MQTT connection settings; both programs share these keys under `mqtt.`.
struct MqttConfig {
  std::string uri;
  int version = 5;
  int qos = 1;
  int keepalive_s = 30;
  std::optional<std::string> client_id;
  std::optional<std::string> username;
  std::optional<std::string> password_file;
  std::optional<std::string> ca_file;
  std::optional<std::string> cert_file;
  std::optional<std::string> key_file;
  bool verify_hostname = true;
  int reconnect_min_ms = 500;
  int reconnect_max_ms = 60000;
  // 0: a clean session, which the broker forgets when the connection ends (the agent: its spool
  // keeps what is not acknowledged). Above 0: a persistent session (central's
  // mqtt.session_expiry_s): the broker keeps the subscriptions and queues QoS 1 messages for them
  // while the client is away, for this many seconds under MQTT 5; MQTT 3.1.1 has no expiry.
  std::uint32_t session_expiry_s = 0;
};

enum class LogLevel { trace, debug, info, warn, error };

}  // namespace suanli::config
