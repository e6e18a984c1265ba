#pragma once

// The monthly report from the store: what GET /api/v1/report and `suanli-central report` share.
// Both name their inputs the same way, so one parse checks them and one call renders.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "central/report/monthly_report.hpp"
#include "central/report/report_format.hpp"
#include "central/store/database.hpp"
#include "config/expected.hpp"

namespace suanli::report {

struct ReportRequest {
  ReportMonth month;
  Period period;
  ReportFormat format = ReportFormat::csv;
};

// A request that cannot be served: the parameter at fault and the form it accepts.
struct ReportParamError {
  std::string parameter;  // "month" or "format"
  std::string message;
  std::string accepted;
};

// `month` (required) and `format` (optional; csv by default), as of `now_ms`: a month that has
// not begun is refused.
Expected<ReportRequest, ReportParamError> parse_report_request(
    const std::optional<std::string>& month, const std::optional<std::string>& format,
    std::int64_t now_ms);

// Reads the period's minutes and anomalies from `db` (opened with open_store_read_only).
Expected<MonthlyReport> load_monthly_report(store::Database& db, const ReportRequest& request);

// Opens the store at `path` read-only, loads and renders the report.
Expected<std::string> monthly_report_text(const std::string& path, const ReportRequest& request);

}  // namespace suanli::report
