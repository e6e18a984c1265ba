#include "central/core/admission.hpp"

#include "central/core/reject_counters.hpp"

namespace suanli::central {

std::string_view Admission::admit(bool configured, bool center_has_nodes, std::uint64_t now_ms) {
  if (configured) return {};
  if (known_centers_only_) return kRejectUnknownCenter;
  const std::uint64_t minute = now_ms / 60'000;
  if (minute != minute_) {
    minute_ = minute;
    new_centers_ = 0;
    new_nodes_ = 0;
  }
  if (!center_has_nodes && new_centers_ >= centers_per_minute_) {
    return kRejectNewCenterRate;
  }
  if (new_nodes_ >= nodes_per_minute_) return kRejectNewNodeRate;
  if (!center_has_nodes) ++new_centers_;
  ++new_nodes_;
  return {};
}

}  // namespace suanli::central
