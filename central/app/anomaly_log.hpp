#pragma once

// The history of anomalies in the store: a row opens when an anomaly appears in the current list
// (central/core/anomalies.hpp) and is closed (ended_ms) when it leaves it.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "central/core/anomalies.hpp"
#include "central/store/records.hpp"

namespace suanli::central {

class AnomalyLog {
 public:
  // Rows left open by an earlier run: they stay open while their anomaly is still current.
  void resume(const std::vector<store::AnomalyRecord>& stored);
  // Adds to `batch` the rows that open or close with `current`; commit() once it is written.
  void record(const std::vector<Anomaly>& current, std::uint64_t now_ms, store::Batch& batch);
  void commit() { open_ = next_; }

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, store::AnomalyRecord> open_;
  std::map<Key, store::AnomalyRecord> next_;
};

}  // namespace suanli::central
