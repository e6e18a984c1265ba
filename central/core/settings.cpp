#include "central/core/settings.hpp"

namespace suanli::central {

CoreSettings CoreSettings::from(const config::CentralConfig& c) {
  CoreSettings s;
  s.headline_class = c.headline_class;
  s.headline_precision = c.headline_precision;
  if (!c.city_name.empty()) s.city_name = c.city_name;
  if (!c.city_name_en.empty()) s.city_name_en = c.city_name_en;
  if (c.target_pflops > 0) s.target_pflops = c.target_pflops;
  if (c.target_year > 0) s.target_year = c.target_year;
  if (c.stale_after_intervals > 0) s.stale_after_intervals = c.stale_after_intervals;
  if (c.retire_after_s > 0) s.retire_after_s = c.retire_after_s;
  s.known_centers_only = c.known_centers_only;
  if (c.new_centers_per_minute > 0) {
    s.new_centers_per_minute = static_cast<std::uint64_t>(c.new_centers_per_minute);
  }
  if (c.new_nodes_per_minute > 0) {
    s.new_nodes_per_minute = static_cast<std::uint64_t>(c.new_nodes_per_minute);
  }
  if (c.summary_max_centers > 0) {
    s.summary_max_centers = static_cast<std::size_t>(c.summary_max_centers);
  }
  s.centers = c.centers;
  return s;
}

}  // namespace suanli::central
