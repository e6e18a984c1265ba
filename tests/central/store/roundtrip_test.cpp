#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/central/store/store_samples.hpp"
#include "tests/support/process.hpp"

namespace suanli::store {
namespace {

using test::open_or_throw;
using test::require;
using test::sample_birth;
using test::sample_minute;
using test::sample_state;

class StoreRoundTrip : public ::testing::Test {
 protected:
  suanli::test::TempDir tmp;
  std::string path = tmp.path() + "/central.db";
  Store store = open_or_throw(path);
};

TEST_F(StoreRoundTrip, BirthsComeBackAsSavedAndTheLatestReplacesTheOld) {
  require(store.save_birth(sample_birth(2)));
  require(store.save_birth(sample_birth(1)));
  BirthRecord reborn = sample_birth(1);
  reborn.boot = std::numeric_limits<std::uint64_t>::max();
  reborn.birth_json = R"({"v":1,"kind":"birth","devices":["中文"]})";
  require(store.save_birth(reborn));

  auto births = store.births();
  require(births);
  ASSERT_EQ(births->size(), 2u);
  EXPECT_EQ((*births)[0], reborn);
  EXPECT_EQ((*births)[1], sample_birth(2));
}

TEST_F(StoreRoundTrip, NodeStatesComeBackAsSavedWithAbsentLastDataKeptAbsent) {
  NodeStateRecord fresh = sample_state(1);
  fresh.last_data_ms.reset();
  fresh.online = false;
  fresh.state = "offline";
  require(store.save_node_state(fresh));
  require(store.save_node_state(sample_state(2, 41)));
  require(store.save_node_state(sample_state(2, 42)));

  auto states = store.node_states();
  require(states);
  ASSERT_EQ(states->size(), 2u);
  EXPECT_EQ((*states)[0], fresh);
  EXPECT_FALSE((*states)[0].last_data_ms.has_value());
  EXPECT_EQ((*states)[1], sample_state(2, 42));
}

TEST_F(StoreRoundTrip, RejectCountsAccumulate) {
  require(store.add_rejects({{"bad_json", 2}, {"topic_mismatch", 1}}));
  require(store.add_rejects({{"bad_json", 3}, {"too_large", 1}}));
  auto counts = store.reject_counts();
  require(counts);
  EXPECT_EQ(*counts, (RejectCounts{{"bad_json", 5}, {"topic_mismatch", 1}, {"too_large", 1}}));
}

TEST_F(StoreRoundTrip, DeleteNodeRemovesItsBirthAndStateOnly) {
  for (int i = 1; i <= 3; ++i) {
    require(store.save_birth(sample_birth(i)));
    require(store.save_node_state(sample_state(i)));
  }
  require(store.delete_node({.center = "sz-aic", .node = "node-2"}));
  auto births = store.births();
  auto states = store.node_states();
  require(births);
  require(states);
  EXPECT_EQ(*births, (std::vector<BirthRecord>{sample_birth(1), sample_birth(3)}));
  EXPECT_EQ(*states, (std::vector<NodeStateRecord>{sample_state(1), sample_state(3)}));
}

TEST_F(StoreRoundTrip, OneBatchWritesEveryTable) {
  Batch batch;
  batch.births = {sample_birth(1)};
  batch.node_states = {sample_state(1)};
  batch.history = {sample_minute("city", 120'000, 10)};
  batch.rejects = {{"bad_json", 1}};
  require(store.write(batch));

  auto births = store.births();
  auto states = store.node_states();
  auto history = store.history({.scope = "city", .from_ms = 0, .to_ms = 600'000});
  auto counts = store.reject_counts();
  require(births);
  require(states);
  require(history);
  require(counts);
  EXPECT_EQ(births->size(), 1u);
  EXPECT_EQ(states->size(), 1u);
  EXPECT_EQ(*history, std::vector<HistoryRecord>{sample_minute("city", 120'000, 10)});
  EXPECT_EQ(counts->at("bad_json"), 1u);
}

TEST_F(StoreRoundTrip, ABatchThatFailsPartWayLeavesNothingBehind) {
  require(store.add_rejects({{"bad_json", 1}}));
  Batch batch;
  batch.births = {sample_birth(1)};
  batch.node_states = {sample_state(1)};
  batch.rejects = {{"bad_json", 1}};
  // SQLite stores NaN as NULL, which the history table refuses.
  batch.history = {sample_minute("city", 60'000, std::numeric_limits<double>::quiet_NaN())};
  auto written = store.write(batch);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().find(path), std::string::npos) << written.error();

  auto births = store.births();
  auto states = store.node_states();
  auto counts = store.reject_counts();
  require(births);
  require(states);
  require(counts);
  EXPECT_TRUE(births->empty());
  EXPECT_TRUE(states->empty());
  EXPECT_EQ(counts->at("bad_json"), 1u);
  // The store is usable afterwards.
  require(store.save_birth(sample_birth(1)));
}

TEST_F(StoreRoundTrip, ReopenKeepsEverything) {
  Batch batch;
  batch.births = {sample_birth(1), sample_birth(2)};
  batch.node_states = {sample_state(1, 5), sample_state(2, 9)};
  batch.history = {sample_minute("city", 60'000, 1), sample_minute("center:sz-aic", 60'000, 2)};
  batch.rejects = {{"bad_json", 4}};
  require(store.write(batch));
  store = open_or_throw(tmp.path() + "/other.db");  // closes the first

  Store reopened = open_or_throw(path);
  auto births = reopened.births();
  auto states = reopened.node_states();
  auto city = reopened.history({.scope = "city", .from_ms = 0, .to_ms = 120'000});
  auto center = reopened.history({.scope = "center:sz-aic", .from_ms = 0, .to_ms = 120'000});
  auto counts = reopened.reject_counts();
  require(births);
  require(states);
  require(city);
  require(center);
  require(counts);
  EXPECT_EQ(*births, batch.births);
  EXPECT_EQ(*states, batch.node_states);
  EXPECT_EQ(*city, std::vector<HistoryRecord>{batch.history[0]});
  EXPECT_EQ(*center, std::vector<HistoryRecord>{batch.history[1]});
  EXPECT_EQ(*counts, batch.rejects);
}

TEST_F(StoreRoundTrip, TenThousandNodeStatesInOneBatch) {
  Batch batch;
  for (int i = 0; i < 10'000; ++i)
    batch.node_states.push_back(sample_state(i, static_cast<std::uint64_t>(i)));
  require(store.write(batch));
  auto states = store.node_states();
  require(states);
  ASSERT_EQ(states->size(), 10'000u);
  std::uint64_t seq_sum = 0;
  for (const auto& state : *states)
    seq_sum += state.highest_seq;
  EXPECT_EQ(seq_sum, 9'999ull * 10'000 / 2);
  EXPECT_EQ(states->front(), sample_state(0, 0));
}

TEST_F(StoreRoundTrip, AnEmptyBatchIsFine) {
  require(store.write(Batch{}));
  auto states = store.node_states();
  require(states);
  EXPECT_TRUE(states->empty());
}

}  // namespace
}  // namespace suanli::store
