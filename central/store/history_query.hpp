#pragma once

// The bounds of a history query (GET /api/v1/history?from=&to=&step=).
//
// Buckets are aligned on multiples of step_ms since the epoch (UTC), so a chart that refreshes
// keeps its buckets. Each bucket yields the LAST minute stored in it (its timestamp, headline and
// totals JSON), not an average: the indicator is a level, the last value is one the city really
// had, and the JSON totals stay consistent with the headline columns. Empty buckets yield no
// point. A query that would span more than kMaxHistoryPoints buckets is refused (not clamped), and
// the error names the smallest step that would do.

#include <cstdint>
#include <optional>
#include <string>

#include "config/expected.hpp"

namespace suanli::store {

inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kMaxHistoryPoints = 10'000;

struct HistoryQuery {
  std::string scope;
  std::int64_t from_ms = 0;  // inclusive
  std::int64_t to_ms = 0;    // inclusive
  std::int64_t step_ms = kMinuteMs;
};

// The earliest and latest minute stored for one scope; both absent when it has none.
struct HistorySpan {
  std::optional<std::int64_t> first_ms;
  std::optional<std::int64_t> last_ms;
  bool operator==(const HistorySpan&) const = default;
};

// The number of buckets the query spans, or why it is refused.
Expected<std::int64_t> history_bucket_count(const HistoryQuery& query);

// ts_ms floored to its minute.
inline std::int64_t minute_of(std::int64_t ts_ms) {
  std::int64_t rest = ts_ms % kMinuteMs;
  return ts_ms - (rest < 0 ? rest + kMinuteMs : rest);
}

}  // namespace suanli::store
