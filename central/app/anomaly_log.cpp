#include "central/app/anomaly_log.hpp"

namespace suanli::central {

void AnomalyLog::resume(const std::vector<store::AnomalyRecord>& stored) {
  for (const store::AnomalyRecord& r : stored) {
    if (!r.ended_ms) open_[Key{r.kind, r.center, r.node, r.device}] = r;
  }
  next_ = open_;
}

void AnomalyLog::record(const std::vector<Anomaly>& current, std::uint64_t now_ms,
                        store::Batch& batch) {
  next_.clear();
  for (const Anomaly& a : current) {
    Key key{std::string(to_string(a.kind)), a.center, a.node, a.device};
    auto open = open_.find(key);
    if (open != open_.end()) {
      next_.emplace(key, open->second);
      continue;
    }
    store::AnomalyRecord row{.kind = std::get<0>(key),
                             .center = a.center,
                             .node = a.node,
                             .device = a.device,
                             .since_ms = static_cast<std::int64_t>(a.since_ms),
                             .ended_ms = std::nullopt,
                             .detail = a.detail};
    batch.anomalies.push_back(row);
    next_.emplace(key, std::move(row));
  }
  for (const auto& [key, row] : open_) {
    if (next_.contains(key)) continue;
    store::AnomalyRecord ended = row;
    ended.ended_ms = static_cast<std::int64_t>(now_ms);
    batch.anomalies.push_back(std::move(ended));
  }
}

}  // namespace suanli::central
