#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/expected.hpp"
#include "config/mqtt_config.hpp"
#include "config/precision.hpp"
#include "config/schema.hpp"

namespace suanli::config {

enum class Enablement { automatic, on, off };

struct CollectorConfig {
  Enablement enabled = Enablement::automatic;
  std::optional<std::string> library;  // vendor library path (nvml, ascend)
};

struct SimDeviceConfig {
  std::string model;
  int count = 1;
};

struct SimConfig {
  Enablement enabled = Enablement::off;
  std::uint64_t seed = 1;
  std::vector<SimDeviceConfig> devices;
};

struct AgentConfig {
  std::optional<std::string> center;
  std::string node;  // hostname, sanitized, when the file has none
  std::optional<std::string> district;
  int sample_interval_ms = 1000;
  int publish_interval_ms = 10000;
  int discovery_interval_s = 300;
  std::string state_dir;
  LogLevel log_level = LogLevel::info;
  MqttConfig mqtt;
  std::uint64_t spool_max_bytes = 0;
  int replay_per_s = 0;
  std::optional<std::string> http_url;
  std::optional<std::string> http_token_file;
  int http_timeout_ms = 0;
  int http_retry_min_ms = 0;
  int http_retry_max_ms = 0;
  std::optional<std::string> http_ca_file;
  int call_timeout_ms = 0;
  CollectorConfig nvml;
  CollectorConfig amd;
  CollectorConfig ascend;
  CollectorConfig cpu;
  SimConfig sim;
  std::optional<std::string> catalog_path;
  std::map<std::string, PrecisionMap> catalog_overrides;  // PCI id or device name -> peaks
};

// The rules of every agent key, in the order docs/configuration.md lists them.
std::vector<KeyRule> agent_rules();

// Validates a config text and builds the config; problems are one line each, naming the key.
Expected<AgentConfig, std::vector<std::string>> load_agent_config(const std::string& text,
                                                                  const std::string& origin,
                                                                  Mode mode);
Expected<AgentConfig, std::vector<std::string>> load_agent_config_file(const std::string& path,
                                                                       Mode mode);

}  // namespace suanli::config
