#pragma once

// What the store records once a minute: the city's and each center's installed, live and
// achieved figures per class and precision.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "central/core/contribution.hpp"
#include "central/core/registry.hpp"

namespace suanli::central {

struct HistorySnapshot {
  std::uint64_t ts_ms = 0;
  Contribution city;
  // The listed centers (summary_lists.hpp) that have at least one node.
  std::map<std::string, Contribution> centers;
};

HistorySnapshot snapshot_for_history(const Registry& registry, std::uint64_t now_ms);
// {"ts_ms", "city": {"by_class": ...}, "centers": {"<id>": {"by_class": ...}}}
nlohmann::json snapshot_json(const HistorySnapshot& s);

}  // namespace suanli::central
