#pragma once

// The part of central's configuration the core uses, with the documented defaults
// (docs/configuration.md) for values a default-constructed CentralConfig leaves at zero.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "config/central_config.hpp"
#include "config/precision.hpp"

namespace suanli::central {

struct CoreSettings {
  config::ComputeClass headline_class = config::ComputeClass::intelligent;
  Precision headline_precision = Precision::fp16;
  std::string city_name = "苏州市";
  std::string city_name_en = "Suzhou";
  double target_pflops = 20000;
  int target_year = 2027;
  int stale_after_intervals = 3;
  long long retire_after_s = 7 * 24 * 3600;
  bool known_centers_only = false;
  std::uint64_t new_centers_per_minute = 10;
  std::uint64_t new_nodes_per_minute = 1000;
  std::size_t summary_max_centers = 100;
  std::map<std::string, config::CenterConfig> centers;

  static CoreSettings from(const config::CentralConfig& c);
};

}  // namespace suanli::central
