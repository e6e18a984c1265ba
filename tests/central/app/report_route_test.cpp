// GET /api/v1/report through central's router, in process: CSV by default, HTML on request, and a
// 400 naming the parameter and its accepted form for a bad month or format, never an empty 200.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "central/report/report_month.hpp"
#include "tests/central/app/api_fixture.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

class ReportRoute : public test::ApiFixture {
 protected:
  ReportRoute() : ApiFixture(test::kT0) {}

  http::Response get(const std::string& query) { return ApiFixture::get("/api/v1/report", query); }

  // The month of kT0, as YYYY-MM.
  static std::string this_month() { return report::utc_text(test::kT0).substr(0, 7); }
};

TEST_F(ReportRoute, CsvByDefaultWithTheCityLine) {
  http::Response r = get("month=" + this_month());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("month,scope,simulated,", 0), 0u);
  EXPECT_NE(r.body.find("\r\n" + this_month() + ",city,false,"), std::string::npos);
}

TEST_F(ReportRoute, HtmlOnRequestWithItsOwnStylePolicy) {
  http::Response r = get("month=" + this_month() + "&format=html");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<h2>city</h2>"), std::string::npos);
  EXPECT_NE(r.header("Content-Security-Policy").value_or("").find("style-src 'unsafe-inline'"),
            std::string::npos);
}

TEST_F(ReportRoute, BadParametersAre400sNamingThemAndTheAcceptedForm) {
  struct Case {
    std::string query, parameter;
  };
  for (const Case& c :
       {Case{"", "month"}, Case{"month=2026-5", "month"}, Case{"month=1778000000000", "month"},
        Case{"month=2100-01", "month"}, Case{"month=" + this_month() + "&format=pdf", "format"}}) {
    http::Response r = get(c.query);
    ASSERT_EQ(r.status, 400) << c.query;
    json error = json::parse(r.body).at("error");
    EXPECT_EQ(error.at("status"), 400);
    EXPECT_EQ(error.at("parameter"), c.parameter) << c.query;
    EXPECT_FALSE(error.at("accepted").get<std::string>().empty());
    EXPECT_NE(error.at("message").get<std::string>().find(c.parameter), std::string::npos);
  }
}

}  // namespace
}  // namespace suanli::central
