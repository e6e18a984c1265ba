#pragma once

// Why did a TLS connect fail? Paho C++ 1.2.0 cannot report it safely: async_client::connect()
// takes connect_options by value and hands Paho C a pointer to that copy's ssl_options as the
// ssl_error_cb context, which dangles once connect() returns; an ssl_options error_handler then
// crashes on the first OpenSSL error (seen under AddressSanitizer with a wrong CA). So the
// publisher sets no error_handler and, after a failed TLS connect, runs its own handshake with
// the same CA, client certificate and hostname check to get OpenSSL's reason.

#include <chrono>
#include <string>

#include "config/mqtt_config.hpp"

namespace suanli::mqtt {

// Handshakes with the broker of cfg.uri ("mqtts://host:port" or "ssl://host:port"). Returns an
// empty string when the handshake succeeds, else a description such as "certificate verify
// failed: self-signed certificate in certificate chain". Blocks at most about 2 x timeout.
std::string tls_probe(const config::MqttConfig& cfg, std::chrono::milliseconds timeout);

}  // namespace suanli::mqtt
