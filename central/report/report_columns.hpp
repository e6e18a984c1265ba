#pragma once

// The figures of one scope's line of the monthly report, in order: the CSV's columns, and the
// HTML page's cells. Each column has a machine name (the CSV header) and a bilingual label.

#include <functional>
#include <string>
#include <vector>

#include "central/report/monthly_report.hpp"

namespace suanli::report {

struct ReportColumn {
  std::string name;   // "intelligent_fp16_delivered_pflops_h"
  std::string label;  // "交付算力 Delivered (PFLOPS·h)"
  std::function<std::string(const MonthlyReport&, const ScopeReport&)> value;
};

// The columns about the whole scope (period, availability, energy, anomalies).
const std::vector<ReportColumn>& scope_columns();
// The columns of each class, at its convention precision: the class's index in kAllClasses.
std::vector<ReportColumn> class_columns(std::size_t class_index);

}  // namespace suanli::report
