#pragma once

// Reading the store from another connection than central's own: the monthly report (from the
// HTTP route or offline from the command line) and the backfill's look at what is stored.
//
// A read-only connection in WAL mode never blocks central's writes, and a long read does not hold
// the Store's mutex that central's once-a-second flush takes.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "central/store/database.hpp"
#include "central/store/records.hpp"

namespace suanli::store {

// Opens an existing store read-only. Errors name the file: missing, not an SQLite database, or a
// schema other than this build's (an older one is migrated by starting suanli-central on it).
Expected<Database> open_store_read_only(const std::string& path);

// One stored minute of one scope, with the values of `json_paths` (SQLite JSON paths such as
// "$.energy.energy_kwh") read from its totals JSON: nullopt where the path is absent or not a
// number.
struct ScannedMinute {
  std::int64_t ts_ms = 0;
  std::string scope;
  bool simulated = false;
  std::vector<std::optional<double>> values;
};

// Calls `each` for every history row with from_ms <= ts_ms < to_ms, ordered by scope then time.
Status scan_history(Database& db, std::int64_t from_ms, std::int64_t to_ms,
                    const std::vector<std::string>& json_paths,
                    const std::function<void(const ScannedMinute&)>& each);

// Anomalies that were open at some time in [from_ms, to_ms): appeared before to_ms and had not
// ended before from_ms. Oldest first.
Expected<std::vector<AnomalyRecord>> anomalies_between(Database& db, std::int64_t from_ms,
                                                       std::int64_t to_ms);

// Each scope's earliest and newest measured (not simulated) minute.
struct ScopeSpan {
  std::string scope;
  std::int64_t first_ms = 0;
  std::int64_t last_ms = 0;
};
Expected<std::vector<ScopeSpan>> measured_scope_spans(Database& db);

}  // namespace suanli::store
