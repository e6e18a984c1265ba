#include "central/report/report_columns.hpp"

#include "central/report/report_format.hpp"

namespace suanli::report {
namespace {

using Value = std::function<std::string(const MonthlyReport&, const ScopeReport&)>;

std::string count_text(std::int64_t n) {
  return std::to_string(n);
}

std::string optional_utc(const std::optional<std::int64_t>& ms) {
  return ms ? utc_text(*ms) : "";
}

// A class figure: `figure` reads it from the class's report.
template <class Figure>
Value class_value(std::size_t index, Figure figure) {
  return [index, figure](const MonthlyReport&, const ScopeReport& s) {
    return number_text(figure(s.classes[index]));
  };
}

std::string method_label(Method m) {
  return "按方法 by " + std::string(to_string(m)) + " (PFLOPS·h)";
}

}  // namespace

const std::vector<ReportColumn>& scope_columns() {
  static const std::vector<ReportColumn> columns = {
      {"month", "月份 Month",
       [](const MonthlyReport& r, const ScopeReport&) { return r.month.text(); }},
      {"scope", "范围 Scope", [](const MonthlyReport&, const ScopeReport& s) { return s.scope; }},
      {"simulated", "模拟数据 Simulated",
       [](const MonthlyReport&, const ScopeReport& s) {
         return std::string(s.simulated() ? "true" : "false");
       }},
      {"period_from_utc", "起 From (UTC)",
       [](const MonthlyReport& r, const ScopeReport&) { return utc_text(r.from_ms); }},
      {"period_to_utc", "止 To (UTC, exclusive)",
       [](const MonthlyReport& r, const ScopeReport&) { return utc_text(r.to_ms); }},
      {"as_of_utc", "期末数据时刻 Month-end figures as of (UTC)",
       [](const MonthlyReport&, const ScopeReport& s) { return optional_utc(s.as_of_ms); }},
      {"minutes_in_period", "分钟数 Minutes in period",
       [](const MonthlyReport& r, const ScopeReport&) { return count_text(r.period_minutes()); }},
      {"minutes_recorded", "有记录分钟 Minutes recorded",
       [](const MonthlyReport&, const ScopeReport& s) { return count_text(s.minutes_recorded); }},
      {"minutes_live", "在线分钟 Minutes live",
       [](const MonthlyReport&, const ScopeReport& s) { return count_text(s.minutes_live); }},
      {"minutes_simulated", "模拟分钟 Minutes simulated",
       [](const MonthlyReport&, const ScopeReport& s) { return count_text(s.minutes_simulated); }},
      {"availability", "可用率 Availability",
       [](const MonthlyReport& r, const ScopeReport& s) { return number_text(r.availability(s)); }},
      {"coverage", "记录覆盖率 Coverage",
       [](const MonthlyReport& r, const ScopeReport& s) { return number_text(r.coverage(s)); }},
      {"energy_kwh", "电量 Energy (kWh)",
       [](const MonthlyReport&, const ScopeReport& s) { return number_text(s.energy_kwh); }},
      {"energy_minutes", "有电量分钟 Minutes with energy",
       [](const MonthlyReport&, const ScopeReport& s) { return count_text(s.energy_minutes); }},
      {"energy_minutes_partial", "电量不全分钟 Minutes with partial energy",
       [](const MonthlyReport&, const ScopeReport& s) {
         return count_text(s.energy_minutes_partial);
       }},
      {"anomalies", "异常 Anomalies",
       [](const MonthlyReport&, const ScopeReport& s) { return count_text(s.anomalies); }},
  };
  return columns;
}

std::vector<ReportColumn> class_columns(std::size_t index) {
  const ComputeClass c = central::kAllClasses[index];
  const std::string prefix = std::string(central::to_string(c)) + "_" +
                             std::string(to_string(central::convention_precision(c))) + "_";
  std::vector<ReportColumn> columns = {
      {prefix + "installed_pflops", "期末装机 Installed at month end (PFLOPS)",
       class_value(index, [](const ClassReport& r) { return r.installed_pflops; })},
      {prefix + "live_pflops", "期末在线 Live at month end (PFLOPS)",
       class_value(index, [](const ClassReport& r) { return r.live_pflops; })},
      {prefix + "delivered_pflops_h", "交付算力 Delivered (PFLOPS·h)",
       class_value(index, [](const ClassReport& r) { return r.delivered_pflops_h; })},
  };
  for (std::size_t k = 0; k < kMeasuredMethodCount; ++k) {
    const Method m = kMeasuredMethods[k];
    columns.push_back(
        {prefix + "delivered_pflops_h_" + std::string(to_string(m)), method_label(m),
         class_value(index, [k](const ClassReport& r) { return r.delivered_by_method[k]; })});
  }
  columns.push_back({prefix + "tflops_per_kw", "能效 Efficiency (TFLOPS/kW)",
                     class_value(index, [](const ClassReport& r) { return r.tflops_per_kw; })});
  return columns;
}

}  // namespace suanli::report
