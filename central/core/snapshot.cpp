#include "central/core/snapshot.hpp"

#include "central/core/json_views.hpp"
#include "central/core/summary_lists.hpp"

namespace suanli::central {

HistorySnapshot snapshot_for_history(const Registry& registry, std::uint64_t now_ms) {
  HistorySnapshot s;
  s.ts_ms = now_ms;
  s.city = registry.indicator().city().contribution;
  const auto& heard = registry.indicator().centers();
  for (const std::string& id : listed_centers(registry).listed) {
    auto it = heard.find(id);
    if (it != heard.end()) s.centers[id] = it->second.contribution;
  }
  return s;
}

nlohmann::json snapshot_json(const HistorySnapshot& s) {
  nlohmann::json centers = nlohmann::json::object();
  for (const auto& [id, c] : s.centers)
    centers[id] = {{"by_class", by_class_json(c)}};
  return {{"ts_ms", s.ts_ms},
          {"city", {{"by_class", by_class_json(s.city)}}},
          {"centers", std::move(centers)}};
}

}  // namespace suanli::central
