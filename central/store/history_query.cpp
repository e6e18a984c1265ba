#include "central/store/history_query.hpp"

namespace suanli::store {

Expected<std::int64_t> history_bucket_count(const HistoryQuery& query) {
  using Result = Expected<std::int64_t>;
  if (query.step_ms <= 0) return Result::failure("history: step must be positive");
  if (query.from_ms < 0) return Result::failure("history: from must not be negative");
  if (query.from_ms > query.to_ms) return Result::failure("history: from is after to");
  std::int64_t buckets = query.to_ms / query.step_ms - query.from_ms / query.step_ms + 1;
  if (buckets > kMaxHistoryPoints) {
    std::int64_t span = query.to_ms - query.from_ms;
    std::int64_t smallest_step = span / (kMaxHistoryPoints - 1) + 1;
    return Result::failure("history: step " + std::to_string(query.step_ms) + " ms would give " +
                           std::to_string(buckets) + " points, more than " +
                           std::to_string(kMaxHistoryPoints) + "; use a step of at least " +
                           std::to_string(smallest_step) + " ms");
  }
  return buckets;
}

}  // namespace suanli::store
