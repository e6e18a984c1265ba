#pragma once

// Folding late windows into history (docs/design.md, "Capacity rules": replayed windows enter
// history, never the live state).
// A history row is the indicator as it stood at the end of its minute. A window that
// reaches central late (hist, or data older than the newest live one) tells what its node was
// doing in minutes whose rows did not count it live: it was stale, offline, retired, or not yet
// known to central. For each such minute the row is corrected by the difference between the node
// online with that window and what the row did count of it (installed only, or nothing). Minutes
// whose row counted the node live keep their row: it already holds the node, with the window it
// had then. Each (minute, node) is folded at most once.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "central/core/registry.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

inline constexpr std::uint64_t kHistoryMinuteMs = 60'000;
// A window longer than this is folded nowhere (a publish interval is at most an hour).
inline constexpr std::uint64_t kMaxFoldedWindowMs = 61 * kHistoryMinuteMs;

// The minutes (their first millisecond) whose row instant, the minute's last millisecond, lies in
// [start_ms, end_ms) of the window. Empty for a window longer than kMaxFoldedWindowMs.
std::vector<std::uint64_t> fold_minutes(const wire::Window& w);
inline std::uint64_t row_instant(std::uint64_t minute_ms) {
  return minute_ms + kHistoryMinuteMs - 1;
}

enum class FoldOutcome {
  folded,       // the rows of the minute were corrected
  was_live,     // the row counted the node live already
  unknown,      // what the node was then is not known (forgotten, or before central's restart)
  no_capacity,  // the node has no birth, so the window maps to no peak
  no_row,       // central wrote no row for that minute (it was not running)
  repeated,     // that (minute, node) was folded before
  undated,      // the window is dated before kDatedFromMs: its agent's clock was not set
};
inline constexpr std::size_t kFoldOutcomeCount = 7;

// 2020-01-01T00:00:00Z, before any suanli agent ran. A window dated earlier comes from a box
// without a real-time clock that had not synchronised yet (it booted in 1970): when it ran is not
// known, so it is folded nowhere (docs/protocol.md, "Clocks").
inline constexpr std::uint64_t kDatedFromMs = 1'577'836'800'000;
std::string_view to_string(FoldOutcome o);

// What the node would add to the indicator, online with `window` (its current birth gives the
// peaks).
Contribution contribution_with_window(const Registry& registry, const NodeRecord& node,
                                      const wire::Data& window);

struct FoldCorrection {
  FoldOutcome outcome = FoldOutcome::unknown;
  Contribution delta;  // to add to the minute's city and center rows, when folded
};
// The correction of the rows of minute `minute_ms` for a node whose late window gives
// `with_window`. The outcome is folded, was_live, unknown or no_capacity (the store decides no_row
// and repeated).
FoldCorrection fold_correction(const Registry& registry, const NodeRecord& node,
                               const Contribution& with_window, std::uint64_t minute_ms);

// by_class_json's inverse: the figures of a stored row, in exact units.
std::optional<Contribution> contribution_from_by_class_json(const nlohmann::json& by_class);

}  // namespace suanli::central
