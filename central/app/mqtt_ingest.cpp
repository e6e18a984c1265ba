#include "central/app/mqtt_ingest.hpp"

#include <nlohmann/json.hpp>

#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

constexpr std::string_view kBridgePrefix = "$SYS/broker/connection/";
constexpr std::string_view kBridgeSuffix = "/state";

}  // namespace

std::vector<std::string> ingest_subscriptions(const config::CentralConfig& cfg) {
  std::vector<std::string> filters = {std::string(wire::kAgentTopicFilter)};
  for (const auto& [name, centers] : cfg.bridges)
    filters.push_back(std::string(kBridgePrefix) + name + std::string(kBridgeSuffix));
  return filters;
}

std::string bridge_of_topic(const std::string& topic) {
  if (!topic.starts_with(kBridgePrefix) || !topic.ends_with(kBridgeSuffix)) return "";
  return topic.substr(kBridgePrefix.size(),
                      topic.size() - kBridgePrefix.size() - kBridgeSuffix.size());
}

std::string central_state_payload(bool online, std::uint64_t now_ms) {
  return nlohmann::json{{"v", 1}, {"online", online}, {"ts_ms", now_ms}}.dump();
}

mqtt::ClientSettings central_client_settings(const config::CentralConfig& cfg,
                                             std::uint64_t now_ms) {
  return {.mqtt = cfg.mqtt,
          .client_id = cfg.mqtt.client_id.value_or("suanli-central-" + cfg.id),
          .will = {wire::central_state_topic(cfg.id), central_state_payload(false, now_ms)},
          .subscriptions = ingest_subscriptions(cfg)};
}

}  // namespace suanli::central
