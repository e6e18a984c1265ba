// The anomaly history in the store: a row opens when an anomaly appears, closes when it leaves the
// list, and a row left open by an earlier run is closed by the next one once it is gone.

#include <gtest/gtest.h>

#include "central/app/persistence.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"

namespace suanli::central {
namespace {

class AnomalyHistory : public ::testing::Test {
 protected:
  AnomalyHistory()
      : registry(test::settings()), store(store::Store::open(tmp.path() + "/central.db").value()) {}

  void birth(Persistence& persistence, double fp16, std::uint64_t now) {
    registry.apply(test::birth(test::header("sz-aicc", "n1", 1, seq++), {test::h100("gpu0", fp16)}),
                   now);
    persistence.flush(registry, rejects, now);
    ASSERT_EQ(persistence.errors(), 0u);
  }
  std::vector<store::AnomalyRecord> rows() { return store.anomalies().value(); }

  suanli::test::TempDir tmp;
  Registry registry;
  store::Store store;
  RejectCounters rejects;
  std::uint64_t seq = 0;
};

TEST_F(AnomalyHistory, ARowOpensWhenAnAnomalyAppearsAndClosesWhenItEnds) {
  Persistence persistence(store);
  birth(persistence, 100000, test::kT0);
  ASSERT_EQ(rows().size(), 1u);
  EXPECT_EQ(rows()[0].kind, "peak_mismatch");
  EXPECT_EQ(rows()[0].node, "n1");
  EXPECT_EQ(rows()[0].device, "gpu0");
  EXPECT_EQ(rows()[0].since_ms, static_cast<std::int64_t>(test::kT0));
  EXPECT_FALSE(rows()[0].ended_ms.has_value());

  birth(persistence, 100000, test::kT0 + 1000);  // still current: the same row, still open
  ASSERT_EQ(rows().size(), 1u);
  EXPECT_FALSE(rows()[0].ended_ms.has_value());

  birth(persistence, 989.4, test::kT0 + 2000);  // the claim fixed
  ASSERT_EQ(rows().size(), 1u);
  EXPECT_EQ(rows()[0].ended_ms, static_cast<std::int64_t>(test::kT0 + 2000));
}

TEST_F(AnomalyHistory, ARowLeftOpenByAnEarlierRunIsClosedOnceTheAnomalyIsGone) {
  {
    Persistence before_restart(store);
    birth(before_restart, 100000, test::kT0);
  }
  Persistence after_restart(store);
  Registry fresh(test::settings());
  ASSERT_TRUE(after_restart.restore(fresh, test::kT0 + 5000));
  after_restart.flush(fresh, rejects, test::kT0 + 5000);
  ASSERT_EQ(rows().size(), 1u);
  EXPECT_EQ(rows()[0].ended_ms, static_cast<std::int64_t>(test::kT0 + 5000));
}

}  // namespace
}  // namespace suanli::central
