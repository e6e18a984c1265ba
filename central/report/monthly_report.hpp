#pragma once

// The monthly report (运营服务、收益分配; docs/indicator.md, "Monthly report"): per scope (the city
// and each center) over one UTC month, from the store's minute rows. Pure: the rows come in, the
// figures come out; reading the store is report_source.hpp's job.
//
// Every class is read at its convention precision (智算 fp16, 通算 fp32, 超算 fp64). A minute with
// no stored row is unknown: it is not live (availability counts it as not available), delivers
// nothing that the report can vouch for, and shows in coverage. Energy is summed over the minutes
// that carry it only; a minute without it is unknown, never 0 kWh.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "central/core/contribution.hpp"
#include "central/report/report_month.hpp"
#include "central/store/records.hpp"
#include "config/method_shares.hpp"

namespace suanli::report {

using central::ComputeClass;
using central::kClassCount;

// One class's figures in one minute, at the class's convention precision, in PFLOPS.
struct ClassMinute {
  double installed_pflops = 0;
  double live_pflops = 0;
  double achieved_pflops = 0;
  std::array<double, kMeasuredMethodCount> achieved_by_method{};  // kMeasuredMethods' order
};

// One stored minute of one scope.
struct MinuteFigures {
  std::int64_t ts_ms = 0;
  std::string scope;
  bool simulated = false;
  std::array<ClassMinute, kClassCount> classes{};  // central::kAllClasses' order
  std::optional<double> energy_kwh;                // absent: the minute's energy is unknown
  std::optional<std::int64_t> devices_without_power;
};

struct ClassReport {
  ComputeClass compute_class = ComputeClass::intelligent;
  Precision precision = Precision::fp16;
  // At the scope's last stored minute of the period (ScopeReport::as_of_ms).
  double installed_pflops = 0;
  double live_pflops = 0;
  // Achieved PFLOPS x hours over the stored minutes, and split by the method that measured it.
  double delivered_pflops_h = 0;
  std::array<double, kMeasuredMethodCount> delivered_by_method{};
  // Delivered TFLOPS·h per kWh over the minutes with energy (= average achieved TFLOPS per kW).
  // The energy is the whole scope's (power is not kept per class), so with several classes this
  // is each class's lower bound. Absent without energy, or with 0 kWh.
  std::optional<double> tflops_per_kw;
};

struct ScopeReport {
  std::string scope;                     // "city" or "center:<id>"
  std::optional<std::int64_t> as_of_ms;  // the last stored minute in the period
  std::int64_t minutes_recorded = 0;     // minutes with a stored row
  std::int64_t minutes_live = 0;         // ... in which some class had live capacity
  std::int64_t minutes_simulated = 0;    // ... written by a backfill
  std::array<ClassReport, kClassCount> classes{};
  std::optional<double> energy_kwh;  // over energy_minutes; absent when there are none
  std::int64_t energy_minutes = 0;
  // Minutes with energy in which some live devices had no power reading: their energy is a
  // lower bound.
  std::int64_t energy_minutes_partial = 0;
  std::int64_t anomalies = 0;  // anomalies of the scope open at some time in the period

  bool simulated() const { return minutes_simulated > 0; }
};

struct MonthlyReport {
  ReportMonth month;
  std::int64_t from_ms = 0;  // the month's first minute
  std::int64_t to_ms = 0;    // exclusive: the month's end, or the current minute for this month
  std::vector<ScopeReport> scopes;              // the city first, then the centers by id
  std::vector<store::AnomalyRecord> anomalies;  // open at some time in the period, oldest first

  std::int64_t period_minutes() const;
  // minutes_live / period_minutes, and minutes_recorded / period_minutes; absent for an empty
  // period.
  std::optional<double> availability(const ScopeReport& s) const;
  std::optional<double> coverage(const ScopeReport& s) const;
};

// The period of `month` as of `now_ms`: [start, min(end, now's minute)). nullopt when the month
// has not begun.
struct Period {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
};
std::optional<Period> report_period(const ReportMonth& month, std::int64_t now_ms);

// Folds minutes (any order, any scope) into a report; minutes outside the period are ignored.
class MonthlyReportBuilder {
 public:
  MonthlyReportBuilder(const ReportMonth& month, const Period& period);
  void add(const MinuteFigures& minute);
  MonthlyReport finish(std::vector<store::AnomalyRecord> anomalies) &&;

 private:
  struct Running {
    ScopeReport report;
    std::array<double, kClassCount> metered_pflops_h{};  // delivered in the minutes with energy
  };
  MonthlyReport report_;
  std::map<std::string, Running> scopes_;
};

}  // namespace suanli::report
