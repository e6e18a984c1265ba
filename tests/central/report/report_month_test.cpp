#include "central/report/report_month.hpp"

#include <gtest/gtest.h>

#include "central/report/monthly_report.hpp"

namespace suanli::report {
namespace {

TEST(ReportMonth, ParsesExactlyYearDashMonth) {
  EXPECT_EQ(parse_month("2026-05"), (ReportMonth{2026, 5}));
  EXPECT_EQ(parse_month("2026-12"), (ReportMonth{2026, 12}));
  for (const char* bad : {"2026-13", "2026-00", "2026-5", "26-05", "2026/05", "2026-05-01", "",
                          "1969-12", "2026-0x", "+026-05", "2026--5"}) {
    EXPECT_FALSE(parse_month(bad)) << bad;
  }
}

TEST(ReportMonth, BoundsAreUtcMidnightsAndDecemberEndsInJanuary) {
  const ReportMonth may{2026, 5};
  EXPECT_EQ(utc_text(may.start_ms()), "2026-05-01T00:00:00Z");
  EXPECT_EQ(utc_text(may.end_ms()), "2026-06-01T00:00:00Z");
  EXPECT_EQ(may.start_ms(), 1777593600000);
  const ReportMonth december{2025, 12};
  EXPECT_EQ(utc_text(december.end_ms()), "2026-01-01T00:00:00Z");
  EXPECT_EQ((ReportMonth{2024, 2}.end_ms() - ReportMonth{2024, 2}.start_ms()) / 60000, 29 * 1440);
  EXPECT_EQ(december.text(), "2025-12");
}

TEST(ReportPeriod, ThisMonthEndsAtTheCurrentMinuteAndAFutureMonthHasNone) {
  const ReportMonth may{2026, 5};
  const std::int64_t mid_may = may.start_ms() + 9 * 86'400'000LL + 30'500;  // 10th, 00:00:30.5
  auto period = report_period(may, mid_may);
  ASSERT_TRUE(period);
  EXPECT_EQ(period->from_ms, may.start_ms());
  EXPECT_EQ(utc_text(period->to_ms), "2026-05-10T00:00:00Z");
  auto past = report_period(ReportMonth{2026, 4}, mid_may);
  ASSERT_TRUE(past);
  EXPECT_EQ(past->to_ms, may.start_ms());
  EXPECT_FALSE(report_period(ReportMonth{2026, 6}, mid_may));
}

}  // namespace
}  // namespace suanli::report
