#pragma once

// The rows the store keeps, as plain values (no dependency on central/core).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace suanli::store {

struct NodeKey {
  std::string center;
  std::string node;
  bool operator==(const NodeKey&) const = default;
};

// A node's last birth: the wire message as received.
struct BirthRecord {
  std::string center;
  std::string node;
  std::uint64_t boot = 0;
  std::int64_t received_ms = 0;
  std::string birth_json;
  bool operator==(const BirthRecord&) const = default;
};

struct NodeStateRecord {
  std::string center;
  std::string node;
  std::string state;  // online, stale, offline, retired
  std::uint64_t boot = 0;
  std::uint64_t highest_seq = 0;
  std::optional<std::int64_t> last_data_ms;  // absent until the first data window
  std::int64_t last_seen_ms = 0;
  bool online = false;            // the status topic's flag
  std::string extra_json = "{}";  // the core's further fields
  bool operator==(const NodeStateRecord&) const = default;
};

// The headline class and precision, in PFLOPS, kept as columns so that queries need not parse
// the JSON.
struct Headline {
  double installed_pflops = 0;
  double live_pflops = 0;
  double achieved_pflops = 0;
  bool operator==(const Headline&) const = default;
};

// One minute of the indicator for one scope.
struct HistoryRecord {
  std::int64_t ts_ms = 0;  // the store keeps it floored to the minute
  std::string scope;       // city_scope() or center_scope(id)
  Headline headline;
  std::string totals_json;  // that minute's totals per class and precision, from the core
  bool simulated = false;   // written by a backfill (a demo's made-up past), not measured
  // Store::history only: the sum of the bucket's minutes' energy.energy_kwh in their totals JSON;
  // absent when none of them has one.
  std::optional<double> bucket_energy_kwh;
  bool operator==(const HistoryRecord&) const = default;
};

inline constexpr std::string_view kCityScope = "city";
inline std::string city_scope() {
  return std::string(kCityScope);
}
inline std::string center_scope(std::string_view center) {
  return "center:" + std::string(center);
}

// A node's late window folded into the history rows of one minute (see central's history_fold.hpp).
struct HistoryFold {
  std::int64_t ts_ms = 0;  // the minute
  NodeKey node;
  bool operator==(const HistoryFold&) const = default;
};

// An anomaly central found, from when it appeared until it ended (open while ended_ms is absent).
// A row replaces the row of the same (kind, center, node, device, since_ms).
struct AnomalyRecord {
  std::string kind;
  std::string center;
  std::string node;
  std::string device;
  std::int64_t since_ms = 0;
  std::optional<std::int64_t> ended_ms;
  std::string detail;
  bool operator==(const AnomalyRecord&) const = default;
};

// Rejected messages per reason.
using RejectCounts = std::map<std::string, std::uint64_t>;

// Everything central writes in one flush, committed in one transaction: all of it or none.
// Births and node states replace the row of the same (center, node); history replaces the row of
// the same (minute, scope); folds are recorded; rejects are added to the counts; deleted nodes
// lose their birth and state rows (applied last).
struct Batch {
  std::vector<BirthRecord> births;
  std::vector<NodeStateRecord> node_states;
  std::vector<HistoryRecord> history;
  std::vector<HistoryFold> folds;
  RejectCounts rejects;
  std::vector<NodeKey> deleted_nodes;
  std::vector<AnomalyRecord> anomalies;

  bool empty() const {
    return births.empty() && node_states.empty() && history.empty() && folds.empty() &&
           rejects.empty() && deleted_nodes.empty() && anomalies.empty();
  }
};

}  // namespace suanli::store
