#include "central/report/report_command.hpp"

#include <ostream>

#include "central/report/report_source.hpp"
#include "central/store/read_only.hpp"
#include "config/program.hpp"

namespace suanli::report {

int run_report_command(const ReportCommand& command, std::int64_t now_ms, std::ostream& out,
                       std::ostream& err) {
  auto request = parse_report_request(command.month, command.format, now_ms);
  if (!request) {
    const ReportParamError& e = request.error();
    err << "--" << e.parameter << ": " << e.message.substr(e.parameter.size() + 2) << "; expected "
        << e.accepted << '\n';
    return kExitUsage;
  }
  auto db = store::open_store_read_only(command.store_path);
  if (!db) {
    err << "--store: " << db.error() << '\n';
    return kExitUsage;
  }
  auto report = load_monthly_report(*db, *request);
  if (!report) {
    err << "report: " << report.error() << '\n';
    return kExitFailure;
  }
  out << report_text(*report, request->format);
  return kExitOk;
}

}  // namespace suanli::report
