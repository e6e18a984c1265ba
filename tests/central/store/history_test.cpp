#include <gtest/gtest.h>

#include <limits>

#include "tests/central/store/store_samples.hpp"
#include "tests/support/process.hpp"

namespace suanli::store {
namespace {

using test::open_or_throw;
using test::require;
using test::sample_minute;

constexpr std::int64_t kHour = 60 * kMinuteMs;

class StoreHistory : public ::testing::Test {
 protected:
  // Minutes 0..179 of the city (installed = the minute's index) and minutes 0..59 of one center.
  void SetUp() override {
    Batch batch;
    for (int m = 0; m < 180; ++m)
      batch.history.push_back(sample_minute("city", m * kMinuteMs, m));
    for (int m = 0; m < 60; ++m)
      batch.history.push_back(sample_minute("center:sz-aic", m * kMinuteMs, 1000 + m));
    require(store.write(batch));
  }

  std::vector<HistoryRecord> query(HistoryQuery q) const {
    auto points = store.history(q);
    require(points);
    return *points;
  }

  suanli::test::TempDir tmp;
  Store store = open_or_throw(tmp.path() + "/central.db");
};

TEST_F(StoreHistory, StepOfOneMinuteReturnsEveryMinuteInTheInclusiveRange) {
  auto points = query({.scope = "city", .from_ms = 10 * kMinuteMs, .to_ms = 20 * kMinuteMs});
  ASSERT_EQ(points.size(), 11u);
  for (std::size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i], sample_minute("city", (10 + static_cast<std::int64_t>(i)) * kMinuteMs,
                                       10.0 + static_cast<double>(i)));
  }
}

// Minutes whose totals carry energy: a bucket sums their energy_kwh; the other minutes (older
// rows) add nothing, and a bucket with none has no sum.
TEST_F(StoreHistory, EachBucketSumsTheEnergyOfItsMinutes) {
  Batch batch;
  for (int m = 180; m < 240; ++m) {
    HistoryRecord r = sample_minute("city", m * kMinuteMs, m);
    if (m % 2 == 0) r.totals_json = R"({"energy":{"energy_kwh":)" + std::to_string(m) + "}}";
    batch.history.push_back(r);
  }
  require(store.write(batch));
  auto points = query(
      {.scope = "city", .from_ms = 120 * kMinuteMs, .to_ms = 239 * kMinuteMs, .step_ms = kHour});
  ASSERT_EQ(points.size(), 2u);
  EXPECT_FALSE(points[0].bucket_energy_kwh);
  // 180 + 182 + ... + 238: 30 minutes averaging 209.
  EXPECT_EQ(points[1].bucket_energy_kwh, 30 * 209.0);
}

TEST_F(StoreHistory, EachBucketYieldsItsLastMinuteAlignedOnTheEpoch) {
  // Buckets [0,1h), [1h,2h), [2h,3h): the range starts mid-bucket and ends mid-bucket.
  auto points = query(
      {.scope = "city", .from_ms = 30 * kMinuteMs, .to_ms = 150 * kMinuteMs, .step_ms = kHour});
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[0].ts_ms, 59 * kMinuteMs);
  EXPECT_EQ(points[0].headline.installed_pflops, 59);
  EXPECT_EQ(points[1].ts_ms, 119 * kMinuteMs);
  EXPECT_EQ(points[1].headline.installed_pflops, 119);
  EXPECT_EQ(points[2].ts_ms, 150 * kMinuteMs);  // the range ends inside the third bucket
  EXPECT_EQ(points[2].headline.installed_pflops, 150);
  EXPECT_EQ(points[2].totals_json, sample_minute("city", 0, 150).totals_json);
}

TEST_F(StoreHistory, ScopesAreKeptApart) {
  auto points = query({.scope = center_scope("sz-aic"), .from_ms = 0, .to_ms = 10 * kHour});
  ASSERT_EQ(points.size(), 60u);
  EXPECT_EQ(points.back().headline.installed_pflops, 1059);
  EXPECT_TRUE(query({.scope = "center:other", .from_ms = 0, .to_ms = kHour}).empty());
  EXPECT_EQ(city_scope(), "city");
}

TEST_F(StoreHistory, TheSpanIsTheScopesFirstAndLastStoredMinute) {
  EXPECT_EQ(store.history_span("city").value(), (HistorySpan{0, 179 * kMinuteMs}));
  EXPECT_EQ(store.history_span(center_scope("sz-aic")).value(), (HistorySpan{0, 59 * kMinuteMs}));
  EXPECT_EQ(store.history_span("center:other").value(), HistorySpan{});
}

TEST_F(StoreHistory, EmptyBucketsYieldNoPoint) {
  auto points = query({.scope = "city", .from_ms = 0, .to_ms = 10 * kHour, .step_ms = kHour});
  EXPECT_EQ(points.size(), 3u);
}

TEST_F(StoreHistory, TheSameMinuteIsReplacedNotDuplicated) {
  require(store.append_history(sample_minute("city", 5 * kMinuteMs + 1234, 555)));
  require(store.append_history(sample_minute("city", 5 * kMinuteMs + 59'999, 556)));
  auto points = query({.scope = "city", .from_ms = 4 * kMinuteMs, .to_ms = 6 * kMinuteMs});
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[1].ts_ms, 5 * kMinuteMs);  // floored to the minute
  EXPECT_EQ(points[1].headline.installed_pflops, 556);
  EXPECT_EQ(points[1].totals_json, sample_minute("city", 0, 556).totals_json);
}

TEST_F(StoreHistory, PruneDeletesOnlyOlderRowsOfEveryScope) {
  auto pruned = store.prune_history(30 * kMinuteMs);
  require(pruned);
  EXPECT_EQ(*pruned, 60);  // 30 city minutes and 30 center minutes
  auto city = query({.scope = "city", .from_ms = 0, .to_ms = 10 * kHour});
  ASSERT_EQ(city.size(), 150u);
  EXPECT_EQ(city.front().ts_ms, 30 * kMinuteMs);
  EXPECT_EQ(query({.scope = "center:sz-aic", .from_ms = 0, .to_ms = 10 * kHour}).size(), 30u);
  auto again = store.prune_history(30 * kMinuteMs);
  require(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(StoreHistory, OneRowIsReadByScopeAndMinuteAndAbsentWhereNoneWasWritten) {
  auto row = store.history_row("city", 42 * kMinuteMs + 1234);
  require(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ(**row, sample_minute("city", 42 * kMinuteMs, 42));
  auto none = store.history_row("center:sz-aic", 90 * kMinuteMs);
  require(none);
  EXPECT_FALSE(none->has_value());
}

TEST_F(StoreHistory, FoldsAreRecordedPerMinuteAndNodeAndPrunedWithTheirRows) {
  Batch batch;
  batch.folds.push_back({.ts_ms = 10 * kMinuteMs + 5, .node = {"sz-aic", "n1"}});
  batch.folds.push_back({.ts_ms = 40 * kMinuteMs, .node = {"sz-aic", "n1"}});
  batch.folds.push_back({.ts_ms = 40 * kMinuteMs, .node = {"sz-aic", "n1"}});  // ignored
  require(store.write(batch));
  auto folded = [&](std::int64_t ts, const std::string& node) {
    auto f = store.folded({"sz-aic", node}, ts);
    require(f);
    return *f;
  };
  EXPECT_TRUE(folded(10 * kMinuteMs, "n1"));
  EXPECT_TRUE(folded(40 * kMinuteMs + 59'999, "n1"));
  EXPECT_FALSE(folded(11 * kMinuteMs, "n1"));
  EXPECT_FALSE(folded(40 * kMinuteMs, "n2"));
  require(store.prune_history(30 * kMinuteMs));
  EXPECT_FALSE(folded(10 * kMinuteMs, "n1"));
  EXPECT_TRUE(folded(40 * kMinuteMs, "n1"));
}

TEST_F(StoreHistory, FromAfterToIsRefused) {
  auto points = store.history({.scope = "city", .from_ms = 2 * kHour, .to_ms = kHour});
  ASSERT_FALSE(points);
  EXPECT_NE(points.error().find("from is after to"), std::string::npos) << points.error();
}

TEST_F(StoreHistory, ZeroOrNegativeStepIsRefused) {
  for (std::int64_t step : {std::int64_t{0}, std::int64_t{-60'000}}) {
    auto points = store.history({.scope = "city", .from_ms = 0, .to_ms = kHour, .step_ms = step});
    ASSERT_FALSE(points) << step;
    EXPECT_NE(points.error().find("step must be positive"), std::string::npos) << points.error();
  }
}

TEST_F(StoreHistory, NegativeFromIsRefused) {
  auto points = store.history({.scope = "city", .from_ms = -1, .to_ms = kHour});
  ASSERT_FALSE(points);
  EXPECT_NE(points.error().find("negative"), std::string::npos) << points.error();
}

TEST_F(StoreHistory, MoreThanTheMaximumOfPointsIsRefusedWithTheSmallestStepThatWould) {
  const std::int64_t to = std::numeric_limits<std::int64_t>::max();
  auto points = store.history({.scope = "city", .from_ms = 0, .to_ms = to});
  ASSERT_FALSE(points);
  EXPECT_NE(points.error().find("more than 10000"), std::string::npos) << points.error();

  std::int64_t smallest = to / (kMaxHistoryPoints - 1) + 1;
  EXPECT_NE(points.error().find("at least " + std::to_string(smallest) + " ms"), std::string::npos)
      << points.error();
  auto fitting = store.history({.scope = "city", .from_ms = 0, .to_ms = to, .step_ms = smallest});
  require(fitting);
  ASSERT_EQ(fitting->size(), 1u);  // every stored minute falls in the first bucket
  EXPECT_EQ(fitting->front().ts_ms, 179 * kMinuteMs);
}

TEST(HistoryBucketCount, TheBoundIsExactlyTenThousandBuckets) {
  HistoryQuery query{.scope = "city", .from_ms = 0, .to_ms = (kMaxHistoryPoints - 1) * kMinuteMs};
  auto count = history_bucket_count(query);
  require(count);
  EXPECT_EQ(*count, kMaxHistoryPoints);
  query.to_ms += kMinuteMs;
  EXPECT_FALSE(history_bucket_count(query));
  // Unaligned ends: a step of 90 s over [45 s, 135 s] touches two buckets, [0,90) and [90,180).
  auto unaligned = history_bucket_count(
      {.scope = "city", .from_ms = 45'000, .to_ms = 135'000, .step_ms = 90'000});
  require(unaligned);
  EXPECT_EQ(*unaligned, 2);
}

TEST(HistoryMinute, FloorsToTheMinute) {
  EXPECT_EQ(minute_of(0), 0);
  EXPECT_EQ(minute_of(59'999), 0);
  EXPECT_EQ(minute_of(60'000), 60'000);
  EXPECT_EQ(minute_of(1'700'000'012'345), 1'699'999'980'000);
  EXPECT_EQ(minute_of(-1), -60'000);
}

}  // namespace
}  // namespace suanli::store

namespace suanli::store {
namespace {

TEST(StoreHistorySimulated, ASimulatedRowComesBackMarkedAndAMeasuredOneNot) {
  suanli::test::TempDir tmp;
  Store store = test::open_or_throw(tmp.path() + "/central.db");
  HistoryRecord simulated = test::sample_minute("city", 0, 1);
  simulated.simulated = true;
  Batch batch;
  batch.history = {simulated, test::sample_minute("city", kMinuteMs, 2)};
  test::require(store.write(batch));
  auto first = store.history_row("city", 0);
  test::require(first);
  ASSERT_TRUE(*first);
  EXPECT_TRUE((*first)->simulated);
  auto points = store.history({.scope = "city", .from_ms = 0, .to_ms = kMinuteMs});
  test::require(points);
  ASSERT_EQ(points->size(), 2u);
  EXPECT_TRUE((*points)[0].simulated);
  EXPECT_FALSE((*points)[1].simulated);
}

}  // namespace
}  // namespace suanli::store
