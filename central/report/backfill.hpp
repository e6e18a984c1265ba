#pragma once

// The demo's made-up past (`suanli-central backfill`): minutes before the store's first measured
// minute, each scope's newest measured row scaled by a growth ramp, a day curve and a weekly
// two-hour maintenance of each center, so that the plots and a monthly report have something to
// show. Every row is marked simulated in the store (and says so in history and the report).
//
// It lives in central, not in suanli-sim: the rows are central's own totals JSON and schema, and
// the simulator only speaks MQTT; feeding weeks of windows through ingest would take as long.

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "central/store/records.hpp"

namespace suanli::report {

// What one simulated minute holds, relative to the template (the newest measured minute).
struct SimulatedFactors {
  double installed = 1;  // the fleet grows toward today
  double live = 1;       // 0 in a center's weekly maintenance
  double achieved = 1;   // live x the day's curve
};

// The factors of `scope` at `ts_ms`, for a history that reaches the template at `end_ms` after
// `span_ms`.
SimulatedFactors simulated_factors(const std::string& scope, std::int64_t ts_ms,
                                   std::int64_t end_ms, std::int64_t span_ms);

// `newest` scaled for minute `ts_ms`, marked simulated; `totals` is newest's totals JSON, parsed.
store::HistoryRecord simulated_minute(const store::HistoryRecord& newest,
                                      const nlohmann::json& totals, std::int64_t ts_ms,
                                      const SimulatedFactors& factors);

struct BackfillCommand {
  std::string store_path;
  int days = 30;
};

// Writes the simulated minutes, one transaction per scope and day; prints what it wrote on
// `out`. kExitUsage for a missing store or one without a measured minute to start from.
int run_backfill_command(const BackfillCommand& command, std::ostream& out, std::ostream& err);

}  // namespace suanli::report
