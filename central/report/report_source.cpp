#include "central/report/report_source.hpp"

#include "central/store/read_only.hpp"

namespace suanli::report {
namespace {

using store::ScannedMinute;

// The JSON paths read from each minute's totals, in the order figures_of takes them.
constexpr std::size_t kPathsPerClass = 3 + kMeasuredMethodCount;

std::vector<std::string> minute_paths() {
  std::vector<std::string> paths;
  for (ComputeClass c : central::kAllClasses) {
    const std::string p = "." + std::string(to_string(central::convention_precision(c)));
    const std::string base = "$.by_class." + std::string(central::to_string(c)) + ".";
    paths.push_back(base + "installed_pflops" + p);
    paths.push_back(base + "live_pflops" + p);
    paths.push_back(base + "achieved_pflops" + p);
    for (Method m : kMeasuredMethods)
      paths.push_back(base + "achieved_by_method." + std::string(to_string(m)) + p);
  }
  paths.push_back("$.energy.energy_kwh");
  paths.push_back("$.energy.devices_without_power");
  return paths;
}

MinuteFigures figures_of(const ScannedMinute& row) {
  MinuteFigures m;
  m.ts_ms = row.ts_ms;
  m.scope = row.scope;
  m.simulated = row.simulated;
  auto at = [&](std::size_t i) { return row.values[i].value_or(0); };
  for (std::size_t c = 0; c < kClassCount; ++c) {
    const std::size_t base = c * kPathsPerClass;
    ClassMinute& figures = m.classes[c];
    figures.installed_pflops = at(base);
    figures.live_pflops = at(base + 1);
    figures.achieved_pflops = at(base + 2);
    for (std::size_t k = 0; k < kMeasuredMethodCount; ++k)
      figures.achieved_by_method[k] = at(base + 3 + k);
  }
  const std::size_t energy = kClassCount * kPathsPerClass;
  m.energy_kwh = row.values[energy];
  if (row.values[energy + 1]) {
    m.devices_without_power = static_cast<std::int64_t>(*row.values[energy + 1]);
  }
  return m;
}

ReportParamError bad(std::string parameter, std::string message, std::string_view accepted) {
  return {std::move(parameter), std::move(message), std::string(accepted)};
}

}  // namespace

Expected<ReportRequest, ReportParamError> parse_report_request(
    const std::optional<std::string>& month, const std::optional<std::string>& format,
    std::int64_t now_ms) {
  using Result = Expected<ReportRequest, ReportParamError>;
  if (!month) return Result::failure(bad("month", "month: required", kMonthAccepted));
  auto parsed = parse_month(*month);
  if (!parsed) {
    return Result::failure(bad("month", "month: not a month as YYYY-MM", kMonthAccepted));
  }
  auto period = report_period(*parsed, now_ms);
  if (!period) {
    return Result::failure(bad("month", "month: " + parsed->text() + " has not begun (UTC)",
                               "a month up to the current one (UTC), as YYYY-MM"));
  }
  ReportRequest request{.month = *parsed, .period = *period};
  if (format) {
    auto f = parse_report_format(*format);
    if (!f) return Result::failure(bad("format", "format: must be csv or html", kFormatAccepted));
    request.format = *f;
  }
  return request;
}

Expected<MonthlyReport> load_monthly_report(store::Database& db, const ReportRequest& request) {
  using Result = Expected<MonthlyReport>;
  MonthlyReportBuilder builder(request.month, request.period);
  auto scanned =
      store::scan_history(db, request.period.from_ms, request.period.to_ms, minute_paths(),
                          [&](const ScannedMinute& row) { builder.add(figures_of(row)); });
  if (!scanned) return Result::failure(scanned.error());
  auto anomalies = store::anomalies_between(db, request.period.from_ms, request.period.to_ms);
  if (!anomalies) return Result::failure(anomalies.error());
  return std::move(builder).finish(std::move(*anomalies));
}

Expected<std::string> monthly_report_text(const std::string& path, const ReportRequest& request) {
  using Result = Expected<std::string>;
  auto db = store::open_store_read_only(path);
  if (!db) return Result::failure(db.error());
  auto report = load_monthly_report(*db, request);
  if (!report) return Result::failure(report.error());
  return report_text(*report, request.format);
}

}  // namespace suanli::report
