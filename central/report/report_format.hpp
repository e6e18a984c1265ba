#pragma once

// The monthly report as text: CSV (the default; for spreadsheets) or a printable HTML page.
//
// CSV: one header line, then one line per scope (the city first); then an empty line and the
// anomalies of the month, with their own header line. Numbers are plain decimals; an unknown
// figure is an empty field, never 0.

#include <optional>
#include <string>
#include <string_view>

#include "central/report/monthly_report.hpp"

namespace suanli::report {

enum class ReportFormat { csv, html };
inline constexpr std::string_view kFormatAccepted = "csv (the default) or html";

std::optional<ReportFormat> parse_report_format(std::string_view text);
std::string_view content_type(ReportFormat format);

std::string report_text(const MonthlyReport& report, ReportFormat format);
std::string report_csv(const MonthlyReport& report);
std::string report_html(const MonthlyReport& report);

// A figure rounded to 6 decimals, as short as it reads ("12.5"); "" when absent.
std::string number_text(std::optional<double> value);

}  // namespace suanli::report
