#include <string_view>

#include "central/report/report_columns.hpp"
#include "central/report/report_format.hpp"

namespace suanli::report {
namespace {

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;margin:1.5em;color:#111}"
    "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.85em}"
    "th,td{border:1px solid #999;padding:.2em .5em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    ".simulated{background:#fff3cd;border:1px solid #c90;padding:.3em .6em}"
    "@media print{body{margin:0}h2{break-before:auto}section{break-inside:avoid}}";

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string cell(std::string_view tag, std::string_view text) {
  return "<" + std::string(tag) + ">" + escaped(text) + "</" + std::string(tag) + ">";
}

std::string row(const std::vector<std::string>& cells, std::string_view tag = "td") {
  std::string out = "<tr>";
  for (const std::string& c : cells)
    out += cell(tag, c);
  return out + "</tr>\n";
}

// The scope's figures as a two-column table (label, value), then its classes as columns.
std::string scope_section(const MonthlyReport& r, const ScopeReport& s) {
  std::string out = "<section>\n" + cell("h2", s.scope);
  if (s.simulated()) {
    out += "<p class=\"simulated\">模拟数据 Simulated: " + std::to_string(s.minutes_simulated) +
           " minutes of this scope were written by a backfill, not measured.</p>\n";
  }
  out += "<table>\n";
  for (const ReportColumn& c : scope_columns())
    out += row({c.label, c.value(r, s)});
  out += "</table>\n<table>\n";
  std::vector<std::string> head = {"类别 Class"};
  for (std::size_t i = 0; i < kClassCount; ++i) {
    const ComputeClass c = central::kAllClasses[i];
    head.push_back(std::string(central::to_string(c)) + " (" +
                   std::string(to_string(central::convention_precision(c))) + ")");
  }
  out += row(head, "th");
  const std::size_t figures = class_columns(0).size();
  for (std::size_t k = 0; k < figures; ++k) {
    std::vector<std::string> cells = {class_columns(0)[k].label};
    for (std::size_t i = 0; i < kClassCount; ++i)
      cells.push_back(class_columns(i)[k].value(r, s));
    out += row(cells);
  }
  return out + "</table>\n</section>\n";
}

std::string anomaly_section(const MonthlyReport& r) {
  std::string out = "<section>\n<h2>本月异常 Anomalies of the month</h2>\n<table>\n";
  out += row({"类型 Kind", "中心 Center", "节点 Node", "设备 Device", "起 Since (UTC)",
              "止 Ended (UTC)", "说明 Detail"},
             "th");
  for (const store::AnomalyRecord& a : r.anomalies) {
    out += row({a.kind, a.center, a.node, a.device, utc_text(a.since_ms),
                a.ended_ms ? utc_text(*a.ended_ms) : "open", a.detail});
  }
  return out + "</table>\n</section>\n";
}

}  // namespace

std::string report_html(const MonthlyReport& report) {
  const std::string title = "算力月报 Monthly compute report " + report.month.text();
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += cell("title", title) + "\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += cell("h1", title) + "\n";
  out += cell("p", "UTC " + utc_text(report.from_ms) + " – " + utc_text(report.to_ms) +
                       ". 可用率 = 有在线算力的分钟 ÷ 本期分钟 (无记录的分钟计为不可用). "
                       "Availability = minutes with live capacity ÷ minutes in the period "
                       "(a minute with no stored row counts as not available); see "
                       "docs/indicator.md, \"Monthly report\".") +
         "\n";
  for (const ScopeReport& s : report.scopes)
    out += scope_section(report, s);
  out += anomaly_section(report);
  return out + "</body>\n</html>\n";
}

}  // namespace suanli::report
