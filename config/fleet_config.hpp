#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/agent_config.hpp"
#include "config/expected.hpp"
#include "config/mqtt_config.hpp"
#include "config/schema.hpp"

namespace suanli::config {

// Simulated CPU packages of a node; their peaks are derived from arch x cores x clock, as the
// agent's CPU backend does.
struct FleetCpu {
  std::string model;  // as /proc/cpuinfo names it, e.g. "AMD EPYC 9654 96-Core Processor"
  std::string vendor;
  int cores = 1;  // per package
  double clock_mhz = 0;
  std::string arch;  // collectors/catalog/arch.hpp names: x86_avx512_2fma, ...
  int count = 1;     // packages
};

// `count` nodes named <prefix>-001, <prefix>-002, ... with the same simulated devices.
struct FleetNodeGroup {
  std::string prefix;
  int count = 1;
  std::vector<SimDeviceConfig> devices;
  std::vector<FleetCpu> cpus;
  std::vector<DeclaredDevice> declared;  // quantum computers, always healthy (no probe)
};

struct FleetCenter {
  std::string id;
  std::optional<std::string> district;
  std::vector<FleetNodeGroup> nodes;
};

struct FleetConfig {
  std::optional<std::string> description;
  LogLevel log_level = LogLevel::info;
  MqttConfig mqtt;
  std::uint64_t seed = 1;
  int sample_interval_ms = 1000;
  int publish_interval_ms = 10000;
  int nodes_per_connection = 1000;
  int connections = 10;
  int max_in_flight = 100;
  std::uint64_t stop_after_windows = 0;      // per node; 0 = until SIGTERM/SIGINT
  std::optional<double> rate_windows_per_s;  // absent: real time; 0: as fast as possible
  std::vector<FleetCenter> centers;
};

// The node id of the `index`-th (0-based) node of a group: prefix-001, prefix-002, ...
std::string fleet_node_id(const FleetNodeGroup& group, int index);

// The rules of every suanli-sim key, in the order docs/configuration.md lists them.
std::vector<KeyRule> fleet_rules();

Expected<FleetConfig, std::vector<std::string>> load_fleet_config(const std::string& text,
                                                                  const std::string& origin);
Expected<FleetConfig, std::vector<std::string>> load_fleet_config_file(const std::string& path);

}  // namespace suanli::config
