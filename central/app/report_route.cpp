#include "central/app/report_route.hpp"

#include "central/report/report_source.hpp"

namespace suanli::central {

http::Response report_response(const std::string& store_path, const http::Request& request,
                               std::uint64_t now_ms) {
  auto parsed =
      report::parse_report_request(request.query_param("month"), request.query_param("format"),
                                   static_cast<std::int64_t>(now_ms));
  if (!parsed) {
    const report::ReportParamError& e = parsed.error();
    return http::json_error(400, e.message, e.parameter, e.accepted);
  }
  auto text = report::monthly_report_text(store_path, *parsed);
  if (!text) return http::json_error(500, "report: " + text.error());
  http::Response response = http::Response::text(200, std::move(*text),
                                                 std::string(report::content_type(parsed->format)));
  if (parsed->format == report::ReportFormat::html) {
    // The page's own style sheet is inline; it runs no script and loads nothing.
    response.headers.emplace_back("Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  } else {
    response.headers.emplace_back("Content-Disposition", "inline; filename=\"suanli-report-" +
                                                             parsed->month.text() + ".csv\"");
  }
  return response;
}

}  // namespace suanli::central
