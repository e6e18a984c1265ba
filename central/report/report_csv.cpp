#include <string_view>

#include "central/report/report_columns.hpp"
#include "central/report/report_format.hpp"

namespace suanli::report {
namespace {

// RFC 4180 quoting. A text field that a spreadsheet would run as a formula (=, +, -, @ first) is
// prefixed with ' so that an anomaly's detail from a node cannot become one.
std::string csv_field(std::string_view text) {
  std::string field(text);
  if (!field.empty() && std::string_view("=+-@").find(field.front()) != std::string_view::npos) {
    field.insert(0, "'");
  }
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void add_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += fields[i];
  }
  out += "\r\n";
}

std::vector<ReportColumn> all_columns() {
  std::vector<ReportColumn> columns = scope_columns();
  for (std::size_t i = 0; i < kClassCount; ++i) {
    auto more = class_columns(i);
    columns.insert(columns.end(), more.begin(), more.end());
  }
  return columns;
}

}  // namespace

std::string report_csv(const MonthlyReport& report) {
  const std::vector<ReportColumn> columns = all_columns();
  std::string out;
  std::vector<std::string> fields;
  for (const ReportColumn& c : columns)
    fields.push_back(c.name);
  add_line(out, fields);
  for (const ScopeReport& s : report.scopes) {
    fields.clear();
    for (const ReportColumn& c : columns)
      fields.push_back(csv_field(c.value(report, s)));
    add_line(out, fields);
  }
  out += "\r\n";
  add_line(out, {"anomaly_kind", "center", "node", "device", "since_utc", "ended_utc", "detail"});
  for (const store::AnomalyRecord& a : report.anomalies) {
    add_line(out,
             {csv_field(a.kind), csv_field(a.center), csv_field(a.node), csv_field(a.device),
              utc_text(a.since_ms), a.ended_ms ? utc_text(*a.ended_ms) : "", csv_field(a.detail)});
  }
  return out;
}

}  // namespace suanli::report
