#pragma once

// `suanli-central report --month YYYY-MM --store PATH [--format csv|html]`: the monthly report of
// GET /api/v1/report, printed offline from a store file opened read-only.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace suanli::report {

struct ReportCommand {
  std::optional<std::string> month;
  std::string store_path;
  std::optional<std::string> format;
};

// Prints the report on `out`; returns kExitOk, or kExitUsage with one line on `err` for a bad
// month or format or a store that cannot be opened, or kExitFailure when reading it fails.
int run_report_command(const ReportCommand& command, std::int64_t now_ms, std::ostream& out,
                       std::ostream& err);

}  // namespace suanli::report
