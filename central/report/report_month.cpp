#include "central/report/report_month.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace suanli::report {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t first_ms_of(int year, int month) {
  using namespace std::chrono;
  const sys_days day{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                     1};
  return static_cast<std::int64_t>(day.time_since_epoch().count()) * kDayMs;
}

std::optional<int> digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::int64_t ReportMonth::start_ms() const {
  return first_ms_of(year, month);
}

std::int64_t ReportMonth::end_ms() const {
  return month == 12 ? first_ms_of(year + 1, 1) : first_ms_of(year, month + 1);
}

std::string ReportMonth::text() const {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", year, month);
  return out;
}

std::optional<ReportMonth> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto year = digits(text.substr(0, 4));
  auto month = digits(text.substr(5, 2));
  if (!year || !month || *year < 1970 || *month < 1 || *month > 12) return std::nullopt;
  return ReportMonth{*year, *month};
}

std::string utc_text(std::int64_t ms) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(sys_time<milliseconds>(milliseconds(ms)));
  const auto day = floor<days>(seconds);
  const year_month_day ymd{day};
  const hh_mm_ss hms{seconds - day};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return out;
}

}  // namespace suanli::report
