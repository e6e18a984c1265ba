#pragma once

// A calendar month in UTC ("2026-05"), the period a monthly report covers, and the UTC time
// texts the report prints.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::report {

inline constexpr std::string_view kMonthAccepted = "a month as YYYY-MM (UTC), e.g. 2026-05";

struct ReportMonth {
  int year = 1970;
  int month = 1;  // 1..12

  // The first millisecond of the month, and of the month after, since the epoch (UTC).
  std::int64_t start_ms() const;
  std::int64_t end_ms() const;
  std::string text() const;  // "2026-05"
  bool operator==(const ReportMonth&) const = default;
};

// "YYYY-MM" exactly (year 1970 to 9999, month 01 to 12), or nullopt.
std::optional<ReportMonth> parse_month(std::string_view text);

// "2026-05-01T00:00:00Z".
std::string utc_text(std::int64_t ms);

}  // namespace suanli::report
