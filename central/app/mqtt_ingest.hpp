#pragma once

// Central's one MQTT client: subscribes to every agent's topics (which also match the other
// central instances' state topics) and to the configured site bridges' state topics; publishes
// central's retained state (with a Last Will) and, when elected, the city indicator.

#include <string>
#include <vector>

#include "config/central_config.hpp"
#include "uplink/mqtt/client.hpp"

namespace suanli::central {

// Every instance takes every message (docs/indicator.md, "Several central instances").
std::vector<std::string> ingest_subscriptions(const config::CentralConfig& cfg);

// The bridge name of a "$SYS/broker/connection/<name>/state" topic, else empty.
std::string bridge_of_topic(const std::string& topic);

std::string central_state_payload(bool online, std::uint64_t now_ms);

mqtt::ClientSettings central_client_settings(const config::CentralConfig& cfg,
                                             std::uint64_t now_ms);

}  // namespace suanli::central
