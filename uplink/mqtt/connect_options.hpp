#pragma once

// From config::MqttConfig to Paho's connect options: URI scheme, MQTT version, a clean or a
// persistent session (clean session / clean start, Session Expiry Interval), keepalive, Last Will,
// username and password file, TLS and mTLS. Never throws.

#include <mqtt/connect_options.h>

#include <string>
#include <string_view>

#include "config/expected.hpp"
#include "config/mqtt_config.hpp"

namespace suanli::mqtt {

// "mqtt://h:p" -> "tcp://h:p", "mqtts://h:p" -> "ssl://h:p"; anything else is returned unchanged.
std::string paho_uri(std::string_view uri);
bool is_tls_uri(std::string_view uri);

// The file's content without trailing "\r\n" characters; fails when it cannot be read.
Expected<std::string> read_password_file(const std::string& path);

struct LastWill {
  std::string topic;
  std::string payload;  // sent retained, QoS 1
};

// No ssl_options error_handler is set: with Paho C++ 1.2.0 it crashes (see tls_probe.hpp).
// With a session expiry the options carry properties: call keep_properties() where they stay.
Expected<::mqtt::connect_options> make_connect_options(const config::MqttConfig& cfg,
                                                       const LastWill& will);

// Paho C++ 1.2.0 copies and moves connect_options without pointing the copy's C struct at the
// copy's own properties: it still names the source's, freed with it, and the connect reads freed
// memory. Call on the options where they stay (they are copied from there at each connect).
void keep_properties(::mqtt::connect_options& opts);

}  // namespace suanli::mqtt
