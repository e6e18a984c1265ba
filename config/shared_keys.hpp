#pragma once

#include <string_view>
#include <vector>

#include "config/binding.hpp"
#include "config/mqtt_config.hpp"

// Keys that several programs share, each described once.

namespace suanli::config {

// The `mqtt.*` keys and `log_level`, for any Config with `MqttConfig mqtt` and `LogLevel
// log_level`; `reconnect_max_ms` is the default of mqtt.reconnect_max_ms (JSON text).
template <class Config>
std::vector<Key<Config>> common_keys(std::string_view reconnect_max_ms = "60000") {
  return {
      {{.path = "log_level",
        .type = ValueType::string,
        .default_json = R"("info")",
        .description = "Least severe level written to standard error.",
        .one_of = {R"("trace")", R"("debug")", R"("info")", R"("warn")", R"("error")"}},
       [](Config& c, const Captures&, const nlohmann::json& v) {
         c.log_level = v == "trace"   ? LogLevel::trace
                       : v == "debug" ? LogLevel::debug
                       : v == "warn"  ? LogLevel::warn
                       : v == "error" ? LogLevel::error
                                      : LogLevel::info;
       }},
      {{.path = "mqtt", .type = ValueType::map, .description = "MQTT broker connection."}, nullptr},
      {{.path = "mqtt.uri",
        .type = ValueType::string,
        .default_json = R"("mqtt://127.0.0.1:1883")",
        .description = "Broker address; mqtts:// uses TLS.",
        .check = check_mqtt_uri,
        .check_doc = "mqtt://host:port or mqtts://host:port"},
       SUANLI_BIND(c.mqtt.uri)},
      {{.path = "mqtt.version",
        .type = ValueType::integer,
        .default_json = "5",
        .description = "MQTT protocol version: 3 (3.1.1) or 5.",
        .one_of = {"3", "5"}},
       SUANLI_BIND(c.mqtt.version)},
      {{.path = "mqtt.qos",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "QoS of published messages; 1 gives at-least-once delivery.",
        .one_of = {"0", "1"}},
       SUANLI_BIND(c.mqtt.qos)},
      {{.path = "mqtt.keepalive_s",
        .type = ValueType::integer,
        .default_json = "30",
        .description = "MQTT keepalive interval.",
        .min = 5,
        .max = 3600},
       SUANLI_BIND(c.mqtt.keepalive_s)},
      {{.path = "mqtt.client_id",
        .type = ValueType::string,
        .description = "MQTT client id; by default derived from the program and its ids.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.mqtt.client_id)},
      {{.path = "mqtt.username",
        .type = ValueType::string,
        .description = "User name for broker authentication.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.mqtt.username)},
      {{.path = "mqtt.password_file",
        .type = ValueType::string,
        .description = "File holding the broker password (never on the command line).",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.mqtt.password_file)},
      {{.path = "mqtt.tls", .type = ValueType::map, .description = "TLS settings for mqtts://."},
       nullptr},
      {{.path = "mqtt.tls.ca_file",
        .type = ValueType::string,
        .description = "CA certificates (PEM) that verify the broker.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.mqtt.ca_file)},
      {{.path = "mqtt.tls.cert_file",
        .type = ValueType::string,
        .description = "Client certificate (PEM) for mutual TLS.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.mqtt.cert_file)},
      {{.path = "mqtt.tls.key_file",
        .type = ValueType::string,
        .description = "Client private key (PEM) for mutual TLS.",
        .check = check_non_empty,
        .check_doc = "non-empty path",
        .input_file = true},
       SUANLI_BIND(c.mqtt.key_file)},
      {{.path = "mqtt.tls.verify_hostname",
        .type = ValueType::boolean,
        .default_json = "true",
        .description = "Check the broker certificate's name against the URI host."},
       SUANLI_BIND(c.mqtt.verify_hostname)},
      {{.path = "mqtt.reconnect_min_ms",
        .type = ValueType::integer,
        .default_json = "500",
        .description = "First reconnect delay; doubles (with jitter) after each failure.",
        .min = 100,
        .max = 600000},
       SUANLI_BIND(c.mqtt.reconnect_min_ms)},
      {{.path = "mqtt.reconnect_max_ms",
        .type = ValueType::integer,
        .default_json = reconnect_max_ms,
        .description = "Longest reconnect delay.",
        .min = 100,
        .max = 3600000},
       SUANLI_BIND(c.mqtt.reconnect_max_ms)},
  };
}

// `sample_interval_ms` and `publish_interval_ms`, for any Config with both, described for its
// program.
template <class Config>
std::vector<Key<Config>> window_keys(std::string_view sample_description,
                                     std::string_view publish_description) {
  return {
      {{.path = "sample_interval_ms",
        .type = ValueType::integer,
        .default_json = "1000",
        .description = sample_description,
        .min = 100,
        .max = 3600000},
       SUANLI_BIND(c.sample_interval_ms)},
      {{.path = "publish_interval_ms",
        .type = ValueType::integer,
        .default_json = "10000",
        .description = publish_description,
        .min = 1000,
        .max = 3600000},
       SUANLI_BIND(c.publish_interval_ms)},
  };
}

// A window holds whole samples.
template <class Config>
void check_window_order(const Config& c, Problems& problems) {
  require_at_least(problems, "publish_interval_ms", c.publish_interval_ms, "sample_interval_ms",
                   c.sample_interval_ms);
}

// Problems of the mqtt section that no single key shows.
template <class Config>
std::vector<std::string> common_cross_checks(const Config& c) {
  std::vector<std::string> problems;
  require_at_least(problems, "mqtt.reconnect_max_ms", c.mqtt.reconnect_max_ms,
                   "mqtt.reconnect_min_ms", c.mqtt.reconnect_min_ms);
  require_pair(problems, "mqtt.tls.", "cert_file", c.mqtt.cert_file.has_value(), "key_file",
               c.mqtt.key_file.has_value());
  return problems;
}

}  // namespace suanli::config
