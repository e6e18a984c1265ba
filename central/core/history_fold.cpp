#include "central/core/history_fold.hpp"

#include <cmath>
#include <string>

namespace suanli::central {

std::vector<std::uint64_t> fold_minutes(const wire::Window& w) {
  std::vector<std::uint64_t> minutes;
  if (w.end_ms <= w.start_ms || w.end_ms - w.start_ms > kMaxFoldedWindowMs) return minutes;
  // The first minute whose last millisecond is at or after start_ms.
  std::uint64_t minute = w.start_ms - w.start_ms % kHistoryMinuteMs;
  for (; row_instant(minute) < w.end_ms; minute += kHistoryMinuteMs) {
    if (row_instant(minute) >= w.start_ms) minutes.push_back(minute);
  }
  return minutes;
}

std::string_view to_string(FoldOutcome o) {
  switch (o) {
    case FoldOutcome::folded:
      return "folded";
    case FoldOutcome::was_live:
      return "was_live";
    case FoldOutcome::unknown:
      return "unknown";
    case FoldOutcome::no_capacity:
      return "no_capacity";
    case FoldOutcome::no_row:
      return "no_row";
    case FoldOutcome::repeated:
      return "repeated";
    case FoldOutcome::undated:
      return "undated";
  }
  return "unknown";
}

namespace {

// The devices this node reports that another node holds (device_owners.hpp): a late window counts
// them no more than the live state does.
const Identities& held_elsewhere(const Registry& registry, const NodeRecord& node) {
  return registry.owners().held_elsewhere(NodeKey{node.center, node.node});
}

}  // namespace

Contribution contribution_with_window(const Registry& registry, const NodeRecord& node,
                                      const wire::Data& window) {
  const WindowFigures figures = WindowFigures::of(window);
  return contribution_of(NodeInputs{.inventory = node.inventory ? &*node.inventory : nullptr,
                                    .window = &figures,
                                    .retired = false,
                                    .online = true,
                                    .center_class = registry.center_class(node.center),
                                    .held_elsewhere = &held_elsewhere(registry, node)});
}

FoldCorrection fold_correction(const Registry& registry, const NodeRecord& node,
                               const Contribution& with_window, std::uint64_t minute_ms) {
  std::optional<PastState> then = node.timeline.at(row_instant(minute_ms));
  if (!then) return {FoldOutcome::unknown, {}};
  if (*then == PastState::online) return {FoldOutcome::was_live, {}};
  if (!node.inventory || with_window == Contribution{}) return {FoldOutcome::no_capacity, {}};
  const bool counted_installed = *then == PastState::stale || *then == PastState::offline;
  Contribution counted =
      contribution_of(NodeInputs{.inventory = &*node.inventory,
                                 .window = nullptr,
                                 .retired = !counted_installed,
                                 .online = false,
                                 .center_class = registry.center_class(node.center),
                                 .held_elsewhere = &held_elsewhere(registry, node)});
  FoldCorrection c{FoldOutcome::folded, with_window};
  c.delta -= counted;
  return c;
}

namespace {

std::optional<PrecisionUnits> units_from_json(const nlohmann::json& j,
                                              double per_unit = kUnitsPerPflops) {
  if (!j.is_object()) return std::nullopt;
  PrecisionUnits u;
  for (Precision p : kAllPrecisions) {
    auto it = j.find(std::string(to_string(p)));
    if (it == j.end() || !it->is_number()) return std::nullopt;
    u[p] = static_cast<Units>(std::llround(it->get<double>() * per_unit));
  }
  return u;
}

// The member `key` of `row`, an object of figures by name (names[i] gives index i); a figure
// absent from the row (written by an older central) is 0.
template <class Name, std::size_t N>
std::array<PrecisionUnits, N> units_by_name(const nlohmann::json& row, const char* key,
                                            const std::array<Name, N>& names) {
  nlohmann::json parts = row.value(key, nlohmann::json());
  if (!parts.is_object()) parts = nlohmann::json::object();
  std::array<PrecisionUnits, N> out{};
  for (Name name : names) {
    out[static_cast<std::size_t>(name)] =
        units_from_json(parts.value(std::string(to_string(name)), nlohmann::json()))
            .value_or(PrecisionUnits{});
  }
  return out;
}

}  // namespace

std::optional<Contribution> contribution_from_by_class_json(const nlohmann::json& by_class) {
  if (!by_class.is_object()) return std::nullopt;
  Contribution c;
  for (ComputeClass k : kAllClasses) {
    auto it = by_class.find(std::string(to_string(k)));
    if (it == by_class.end() || !it->is_object()) return std::nullopt;
    auto installed = units_from_json(it->value("installed_pflops", nlohmann::json()));
    auto live = units_from_json(it->value("live_pflops", nlohmann::json()));
    auto achieved = units_from_json(it->value("achieved_pflops", nlohmann::json()));
    if (!installed || !live || !achieved) return std::nullopt;
    Totals& t = c.of(k);
    t.installed = *installed;
    t.live = *live;
    t.achieved = *achieved;
    // Rows written before central split achieved by method have no split: nothing by method.
    t.achieved_by_method = units_by_name(*it, "achieved_by_method", kMeasuredMethods);
    // Rows written before central verified peaks have no verified figures: all unverified.
    t.verified =
        units_from_json(it->value("verified_pflops", nlohmann::json())).value_or(PrecisionUnits{});
    t.verified_by_confidence = units_by_name(*it, "by_confidence", kAllConfidences);
    nlohmann::json installed_by = it->value("installed_by_confidence", nlohmann::json());
    if (!installed_by.is_object()) installed_by = nlohmann::json::object();
    for (std::size_t level = 0; level < kInstalledConfidenceLevels; ++level) {
      const std::string name(installed_confidence_name(level));
      t.installed_by_confidence[level] =
          units_from_json(installed_by.value(name, nlohmann::json())).value_or(PrecisionUnits{});
    }
    // Rows written before central counted unknown figures per precision: none known.
    t.unknown_devices = units_from_json(it->value("devices_unknown_peak", nlohmann::json()), 1.0)
                            .value_or(PrecisionUnits{});
  }
  return c;
}

}  // namespace suanli::central
