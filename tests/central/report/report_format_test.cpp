#include "central/report/report_format.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace suanli::report {
namespace {

const ReportMonth kMay{2026, 5};

// The city with one minute: 2 PFLOPS live, 1.5 achieved at fp16, 0.5 kWh; one anomaly whose
// detail a spreadsheet or a browser would misread.
MonthlyReport one_minute_report(bool simulated = false) {
  MonthlyReportBuilder builder(kMay, *report_period(kMay, kMay.end_ms()));
  MinuteFigures m;
  m.scope = "city";
  m.ts_ms = kMay.start_ms();
  m.simulated = simulated;
  m.classes[0] = {.installed_pflops = 3,
                  .live_pflops = 2,
                  .achieved_pflops = 1.5,
                  .achieved_by_method = {1.5, 0, 0, 0}};
  m.energy_kwh = 0.5;
  builder.add(m);
  return std::move(builder).finish(
      {{"peak_mismatch", "a", "n", "0", kMay.start_ms(), std::nullopt, "=HYPERLINK(\"x\"), <b>"}});
}

// `text` cut at each `separator`, without the CRs of CSV's line ends.
std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    if (!part.empty() && part.back() == '\r') part.pop_back();
    out.push_back(part);
  }
  return out;
}
std::vector<std::string> lines(const std::string& text) {
  return split(text, '\n');
}
std::vector<std::string> fields(const std::string& line) {
  return split(line, ',');
}

TEST(ReportCsv, AHeaderAndALinePerScopeThenTheAnomalies) {
  auto text = lines(report_csv(one_minute_report()));
  ASSERT_EQ(text.size(), 5u);
  auto header = fields(text[0]);
  auto city = fields(text[1]);
  ASSERT_EQ(header.size(), city.size());
  std::map<std::string, std::string> row;
  for (std::size_t i = 0; i < header.size(); ++i)
    row[header[i]] = city[i];
  const std::map<std::string, std::string> expected = {
      {"month", "2026-05"},
      {"scope", "city"},
      {"simulated", "false"},
      {"minutes_in_period", "44640"},
      {"minutes_live", "1"},
      {"intelligent_fp16_installed_pflops", "3"},
      {"intelligent_fp16_delivered_pflops_h", "0.025"},
      {"intelligent_fp16_delivered_pflops_h_gpm_tensor", "0.025"},
      {"intelligent_fp16_tflops_per_kw", "50"},
      {"general_fp32_tflops_per_kw", "0"},
      {"supercomputing_fp64_installed_pflops", "0"},
      {"energy_kwh", "0.5"},
      {"anomalies", "1"}};
  for (const auto& [column, value] : expected)
    EXPECT_EQ(row[column], value) << column;
  EXPECT_EQ(text[2], "");
  EXPECT_EQ(text[3], "anomaly_kind,center,node,device,since_utc,ended_utc,detail");
  EXPECT_EQ(text[4], "peak_mismatch,a,n,0,2026-05-01T00:00:00Z,,\"'=HYPERLINK(\"\"x\"\"), <b>\"");
}

TEST(ReportCsv, UnknownEnergyIsAnEmptyField) {
  MonthlyReportBuilder builder(kMay, *report_period(kMay, kMay.end_ms()));
  auto text = lines(report_csv(std::move(builder).finish({})));
  auto header = fields(text[0]);
  auto city = fields(text[1] + ",");  // getline drops a trailing empty field
  auto at = std::find(header.begin(), header.end(), "energy_kwh") - header.begin();
  EXPECT_EQ(city.at(static_cast<std::size_t>(at)), "");
  EXPECT_EQ(city.at(1), "city");
}

TEST(ReportHtml, APrintablePageWithEscapedTextAndTheSimulatedBanner) {
  std::string page = report_html(one_minute_report(true));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("算力月报 Monthly compute report 2026-05"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
  EXPECT_NE(page.find("=HYPERLINK(&quot;x&quot;), &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_NE(page.find("class=\"simulated\""), std::string::npos);
  EXPECT_NE(page.find("<td>可用率 Availability</td><td>0.000022</td>"), std::string::npos);
  EXPECT_EQ(report_html(one_minute_report(false)).find("class=\"simulated\">"), std::string::npos);
}

TEST(ReportFormat, NumbersAreShortDecimalsAndAbsentIsEmpty) {
  EXPECT_EQ(number_text(0.1 + 0.2), "0.3");
  EXPECT_EQ(number_text(1e-7), "0");
  EXPECT_EQ(number_text(12345678.5), "12345678.5");
  EXPECT_EQ(number_text(std::nullopt), "");
  EXPECT_EQ(parse_report_format("html"), ReportFormat::html);
  EXPECT_FALSE(parse_report_format("pdf"));
}

}  // namespace
}  // namespace suanli::report
