#include "uplink/mqtt/connect_options.hpp"

#include <mqtt/ssl_options.h>
#include <mqtt/will_options.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "uplink/wire/topic.hpp"

namespace suanli::mqtt {
namespace {

constexpr std::string_view kMqtt = "mqtt://";
constexpr std::string_view kMqtts = "mqtts://";

Expected<bool> check_readable(const char* key, const std::optional<std::string>& path) {
  if (path && access(path->c_str(), R_OK) != 0) {
    return Expected<bool>::failure(std::string("mqtt.") + key + ": cannot read " + *path);
  }
  return true;
}

}  // namespace

std::string paho_uri(std::string_view uri) {
  if (uri.starts_with(kMqtts)) return "ssl://" + std::string(uri.substr(kMqtts.size()));
  if (uri.starts_with(kMqtt)) return "tcp://" + std::string(uri.substr(kMqtt.size()));
  return std::string(uri);
}

bool is_tls_uri(std::string_view uri) {
  return uri.starts_with(kMqtts) || uri.starts_with("ssl://");
}

Expected<std::string> read_password_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Expected<std::string>::failure("mqtt.password_file: cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  std::string p = s.str();
  while (!p.empty() && (p.back() == '\n' || p.back() == '\r'))
    p.pop_back();
  return p;
}

Expected<::mqtt::connect_options> make_connect_options(const config::MqttConfig& cfg,
                                                       const LastWill& will) {
  using Result = Expected<::mqtt::connect_options>;
  try {
    ::mqtt::connect_options_builder b;
    // Paho C++ 1.2.0: v5 needs clean_start, v3.1.1 clean_session (mqtt_version(5) clears
    // clean_session, which v5 refuses with "Options for wrong MQTT version"); the client must
    // also be created with create_options(MQTTVERSION_5). Under v5 the session outlives the
    // connection only with a Session Expiry Interval above 0.
    const bool clean = cfg.session_expiry_s == 0;
    if (cfg.version == 5) {
      b.mqtt_version(MQTTVERSION_5).clean_start(clean);
      if (!clean) {
        // A four-byte integer on the wire; Paho takes it as int32_t and sends its 32 bits.
        b.properties({{::mqtt::property::SESSION_EXPIRY_INTERVAL,
                       static_cast<std::int32_t>(cfg.session_expiry_s)}});
      }
    } else {
      b.mqtt_version(MQTTVERSION_3_1_1).clean_session(clean);
    }
    b.keep_alive_interval(std::chrono::seconds(cfg.keepalive_s))
        .connect_timeout(std::chrono::seconds(10))
        .automatic_reconnect(false)  // MqttPublisher runs its own jittered backoff
        .will(::mqtt::will_options(will.topic, will.payload, wire::kQos, true));
    if (cfg.username) b.user_name(*cfg.username);
    if (cfg.password_file) {
      auto password = read_password_file(*cfg.password_file);
      if (!password) return Result::failure(password.error());
      b.password(*password);
    }
    if (is_tls_uri(cfg.uri)) {
      for (auto [key, path] :
           {std::pair{"ca_file", &cfg.ca_file}, std::pair{"cert_file", &cfg.cert_file},
            std::pair{"key_file", &cfg.key_file}}) {
        auto ok = check_readable(key, *path);
        if (!ok) return Result::failure(ok.error());
      }
      ::mqtt::ssl_options_builder ssl;
      if (cfg.ca_file) ssl.trust_store(*cfg.ca_file);
      if (cfg.cert_file) ssl.key_store(*cfg.cert_file);
      if (cfg.key_file) ssl.private_key(*cfg.key_file);
      ssl.enable_server_cert_auth(true).verify(cfg.verify_hostname);
      b.ssl(ssl.finalize());
    }
    return b.finalize();
  } catch (const std::exception& e) {
    return Result::failure(std::string("mqtt options: ") + e.what());
  }
}

void keep_properties(::mqtt::connect_options& opts) {
  if (opts.get_properties().empty()) return;  // no pointer to mend: MQTT 3.1.1 refuses one
  ::mqtt::properties own = opts.get_properties();
  opts.set_properties(std::move(own));
}

}  // namespace suanli::mqtt
