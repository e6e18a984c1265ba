#include "central/report/monthly_report.hpp"

#include <algorithm>

#include "central/store/history_query.hpp"

namespace suanli::report {
namespace {

constexpr double kMinuteHours = 1.0 / 60.0;
constexpr double kTflopsPerPflops = 1000.0;

bool has_live_capacity(const MinuteFigures& m) {
  return std::ranges::any_of(m.classes, [](const ClassMinute& c) { return c.live_pflops > 0; });
}

bool belongs_to(const store::AnomalyRecord& a, const std::string& scope) {
  return scope == store::kCityScope || scope == store::center_scope(a.center);
}

// The city first, then the centers by scope text.
bool listed_before(const ScopeReport& a, const ScopeReport& b) {
  const bool a_city = a.scope == store::kCityScope;
  const bool b_city = b.scope == store::kCityScope;
  if (a_city != b_city) return a_city;
  return a.scope < b.scope;
}

ScopeReport empty_scope(const std::string& scope) {
  ScopeReport s;
  s.scope = scope;
  for (std::size_t i = 0; i < kClassCount; ++i) {
    s.classes[i].compute_class = central::kAllClasses[i];
    s.classes[i].precision = central::convention_precision(central::kAllClasses[i]);
  }
  return s;
}

}  // namespace

std::int64_t MonthlyReport::period_minutes() const {
  return (to_ms - from_ms) / store::kMinuteMs;
}

std::optional<double> MonthlyReport::availability(const ScopeReport& s) const {
  if (period_minutes() <= 0) return std::nullopt;
  return static_cast<double>(s.minutes_live) / static_cast<double>(period_minutes());
}

std::optional<double> MonthlyReport::coverage(const ScopeReport& s) const {
  if (period_minutes() <= 0) return std::nullopt;
  return static_cast<double>(s.minutes_recorded) / static_cast<double>(period_minutes());
}

std::optional<Period> report_period(const ReportMonth& month, std::int64_t now_ms) {
  const std::int64_t from = month.start_ms();
  if (now_ms < from) return std::nullopt;
  return Period{.from_ms = from, .to_ms = std::min(month.end_ms(), store::minute_of(now_ms))};
}

MonthlyReportBuilder::MonthlyReportBuilder(const ReportMonth& month, const Period& period) {
  report_.month = month;
  report_.from_ms = period.from_ms;
  report_.to_ms = period.to_ms;
}

void MonthlyReportBuilder::add(const MinuteFigures& m) {
  if (m.ts_ms < report_.from_ms || m.ts_ms >= report_.to_ms) return;
  auto [it, inserted] = scopes_.try_emplace(m.scope);
  Running& run = it->second;
  ScopeReport& s = run.report;
  if (inserted) s = empty_scope(m.scope);
  ++s.minutes_recorded;
  if (has_live_capacity(m)) ++s.minutes_live;
  if (m.simulated) ++s.minutes_simulated;
  const bool newest = !s.as_of_ms || m.ts_ms > *s.as_of_ms;
  if (newest) s.as_of_ms = m.ts_ms;
  if (m.energy_kwh) {
    s.energy_kwh = s.energy_kwh.value_or(0) + *m.energy_kwh;
    ++s.energy_minutes;
    if (m.devices_without_power.value_or(0) > 0) ++s.energy_minutes_partial;
  }
  for (std::size_t i = 0; i < kClassCount; ++i) {
    const ClassMinute& in = m.classes[i];
    ClassReport& out = s.classes[i];
    if (newest) {
      out.installed_pflops = in.installed_pflops;
      out.live_pflops = in.live_pflops;
    }
    out.delivered_pflops_h += in.achieved_pflops * kMinuteHours;
    for (std::size_t k = 0; k < kMeasuredMethodCount; ++k)
      out.delivered_by_method[k] += in.achieved_by_method[k] * kMinuteHours;
    if (m.energy_kwh) run.metered_pflops_h[i] += in.achieved_pflops * kMinuteHours;
  }
}

MonthlyReport MonthlyReportBuilder::finish(std::vector<store::AnomalyRecord> anomalies) && {
  // The city is always reported, with or without stored minutes.
  auto [city, inserted] = scopes_.try_emplace(store::city_scope());
  if (inserted) city->second.report = empty_scope(store::city_scope());
  for (auto& [scope, run] : scopes_) {
    ScopeReport& s = run.report;
    for (std::size_t i = 0; i < kClassCount; ++i) {
      if (s.energy_kwh && *s.energy_kwh > 0) {
        s.classes[i].tflops_per_kw = run.metered_pflops_h[i] * kTflopsPerPflops / *s.energy_kwh;
      }
    }
    s.anomalies = std::ranges::count_if(
        anomalies, [&](const store::AnomalyRecord& a) { return belongs_to(a, scope); });
    report_.scopes.push_back(std::move(s));
  }
  std::ranges::sort(report_.scopes, listed_before);
  report_.anomalies = std::move(anomalies);
  return std::move(report_);
}

}  // namespace suanli::report
