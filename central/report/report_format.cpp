#include "central/report/report_format.hpp"

#include <charconv>
#include <cmath>

namespace suanli::report {

std::optional<ReportFormat> parse_report_format(std::string_view text) {
  if (text == "csv") return ReportFormat::csv;
  if (text == "html") return ReportFormat::html;
  return std::nullopt;
}

std::string_view content_type(ReportFormat format) {
  return format == ReportFormat::html ? "text/html; charset=utf-8" : "text/csv; charset=utf-8";
}

std::string report_text(const MonthlyReport& report, ReportFormat format) {
  return format == ReportFormat::html ? report_html(report) : report_csv(report);
}

std::string number_text(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return "";
  double rounded = std::round(*value * 1e6) / 1e6;
  if (rounded == 0) rounded = 0;  // no "-0"
  char out[64];
  auto [end, ec] = std::to_chars(out, out + sizeof out, rounded, std::chars_format::fixed);
  if (ec != std::errc{}) return "";
  return std::string(out, end);
}

}  // namespace suanli::report
