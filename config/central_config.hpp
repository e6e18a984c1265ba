#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/expected.hpp"
#include "config/mqtt_config.hpp"
#include "config/precision.hpp"
#include "config/schema.hpp"

namespace suanli::config {

// The classes of compute the indicator reports : 智算, 通算, 超算 (docs/design.md,
// "Capacity rules").
// A center of class quantum holds quantum computers, counted in qubits (never in FLOPS); its
// other devices count as in an intelligent center.
enum class ComputeClass { intelligent, general, supercomputing, quantum };

struct CenterConfig {
  std::string name;
  std::optional<std::string> district;
  ComputeClass compute_class = ComputeClass::intelligent;
};

struct CentralConfig {
  LogLevel log_level = LogLevel::info;
  std::string id;  // default: the host name, sanitized
  MqttConfig mqtt;
  std::string http_listen;
  std::optional<std::string> ingest_tokens_file;
  std::optional<std::string> http_tls_cert_file;
  std::optional<std::string> http_tls_key_file;
  std::string store_path;
  int history_retention_days = 0;
  ComputeClass headline_class = ComputeClass::intelligent;
  Precision headline_precision = Precision::fp16;
  std::string city_name;     // 苏州市 by default
  std::string city_name_en;  // Suzhou by default
  double target_pflops = 0;
  int target_year = 0;
  int stale_after_intervals = 0;
  long long retire_after_s = 0;
  // What centers and nodes that central does not know yet may cost (docs/security.md).
  bool known_centers_only = false;
  long long new_centers_per_minute = 0;
  long long new_nodes_per_minute = 0;
  // Centers (and districts) listed in the indicator, /metrics and history rows.
  long long summary_max_centers = 0;
  // The ingest queue's bounds, and the retained indicator's shortest interval.
  long long ingest_queue_messages = 0;
  long long ingest_queue_bytes = 0;
  long long indicator_publish_min_interval_ms = 0;
  std::map<std::string, CenterConfig> centers;
  // Site bridges by connection name ($SYS/broker/connection/<name>/state) -> the centers behind.
  std::map<std::string, std::vector<std::string>> bridges;
};

std::vector<KeyRule> central_rules();

Expected<CentralConfig, std::vector<std::string>> load_central_config(const std::string& text,
                                                                      const std::string& origin,
                                                                      Mode mode);
Expected<CentralConfig, std::vector<std::string>> load_central_config_file(const std::string& path,
                                                                           Mode mode);

}  // namespace suanli::config
