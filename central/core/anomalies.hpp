#pragma once

// What central found that it cannot count as told (docs/indicator.md, "Anomalies"): the current
// list, computed from the registry. GET /api/v1/anomalies, /metrics, the dashboard and the store's
// anomaly history all start from it.

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "central/core/registry.hpp"

namespace suanli::central {

enum class AnomalyKind {
  peak_mismatch,      // a catalog device claimed another peak: counted at the catalog's
  implausible_peak,   // a claim above every catalog figure of its precision: not counted
  duplicate_device,   // a device identity another node holds: not counted here
  device_moved,       // a device identity changed node (a moved or renamed host)
  bound_violation,    // a window with a reading out of bounds: refused
  identity_mismatch,  // an HTTP token posted for a center it does not belong to: refused
};
inline constexpr std::size_t kAnomalyKindCount = 6;
inline constexpr std::array<AnomalyKind, kAnomalyKindCount> kAllAnomalyKinds = {
    AnomalyKind::peak_mismatch, AnomalyKind::implausible_peak, AnomalyKind::duplicate_device,
    AnomalyKind::device_moved,  AnomalyKind::bound_violation,  AnomalyKind::identity_mismatch};
std::string_view to_string(AnomalyKind k);

// A move and an identity mismatch are events: they stay in the list this long after they happened.
inline constexpr std::uint64_t kEventAnomalyMs = 24 * 3600 * 1000ULL;
// Whether an event at `at_ms` is still listed at `now_ms`. An event stamped after `now_ms` (the
// wall clock stepped back since) is recent, not 584 million years old.
constexpr bool event_is_recent(std::uint64_t at_ms, std::uint64_t now_ms) {
  return now_ms < at_ms || now_ms - at_ms < kEventAnomalyMs;
}

struct Anomaly {
  AnomalyKind kind = AnomalyKind::peak_mismatch;
  std::string center;
  std::string node;
  std::string device;  // empty when the anomaly is about the node
  std::string detail;
  std::uint64_t since_ms = 0;
  bool operator==(const Anomaly&) const = default;
};

// Ordered by kind, center, node, device.
std::vector<Anomaly> current_anomalies(const Registry& registry, std::uint64_t now_ms);
std::array<std::uint64_t, kAnomalyKindCount> count_by_kind(const std::vector<Anomaly>& list);
// {"anomalies": [{"kind", "center", "node", "device", "detail", "since_ms"}, ...]}
nlohmann::json anomalies_json(const std::vector<Anomaly>& list);

}  // namespace suanli::central
