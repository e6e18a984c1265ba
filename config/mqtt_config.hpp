#pragma once

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
};

enum class LogLevel { trace, debug, info, warn, error };

}  // namespace suanli::config
