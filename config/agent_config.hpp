#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/collector_config.hpp"
#include "config/declared_device.hpp"
#include "config/expected.hpp"
#include "config/mqtt_config.hpp"
#include "config/precision.hpp"
#include "config/schema.hpp"

namespace suanli::config {

struct SimDeviceConfig {
  std::string model;
  int count = 1;
};

// The sim backend's own keys beside collectors.sim.enabled.
struct SimConfig {
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
  // By backend name (collectors.<name>); every backend the key table was given has an entry.
  std::map<std::string, CollectorConfig, std::less<>> collectors;
  SimConfig sim;
  std::vector<DeclaredDevice> declared;
  std::optional<std::string> catalog_path;
  std::map<std::string, PrecisionMap> catalog_overrides;  // PCI id or device name -> peaks
};

// The device backends built into a program (collectors::backend_specs()): each brings its
// collectors.<name> keys.
using BackendSpecs = std::span<const BackendSpec>;

// The rules of every agent key, in the order docs/configuration.md lists them.
std::vector<KeyRule> agent_rules(BackendSpecs backends);

// Validates a config text and builds the config; problems are one line each, naming the key.
Expected<AgentConfig, std::vector<std::string>> load_agent_config(const std::string& text,
                                                                  const std::string& origin,
                                                                  Mode mode, BackendSpecs backends);
Expected<AgentConfig, std::vector<std::string>> load_agent_config_file(const std::string& path,
                                                                       Mode mode,
                                                                       BackendSpecs backends);

}  // namespace suanli::config
