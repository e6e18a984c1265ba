// When central asks a node for its birth: a live window of a boot without one, at most once a
// minute per node.

#include "central/core/rebirth_requests.hpp"

#include <gtest/gtest.h>

#include "central/core/registry.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::accelerator;
using test::header;
using test::kT0;

TEST(NeedsBirth, ALiveWindowOfABootWithoutItsBirthNeedsOne) {
  Registry registry(test::settings());
  const std::vector<wire::Device> devices = {accelerator("gpu0", 10)};
  EXPECT_TRUE(registry.apply(test::data(header("sz-aicc", "n1", 7, 0), devices), kT0).needs_birth);
  registry.apply(test::birth(header("sz-aicc", "n1", 7, 1), devices), kT0 + 1);
  EXPECT_FALSE(
      registry.apply(test::data(header("sz-aicc", "n1", 7, 2), devices), kT0 + 2).needs_birth);
  // A new boot whose birth was lost: the inventory held is the old boot's.
  EXPECT_TRUE(
      registry.apply(test::data(header("sz-aicc", "n1", 8, 0), devices), kT0 + 3).needs_birth);
  // A window of the older boot replayed late is history: it needs nothing.
  auto late = registry.apply(test::data(header("sz-aicc", "n1", 7, 3), devices), kT0 + 4);
  EXPECT_EQ(late.outcome, Outcome::history);
  EXPECT_FALSE(late.needs_birth);
}

TEST(RebirthRequests, OncePerNodePerRetryPeriodUntilAnswered) {
  RebirthRequests requests(60'000);
  const NodeKey a{"sz-aicc", "n1"};
  const NodeKey b{"sz-aicc", "n2"};
  EXPECT_TRUE(requests.due(a, 1000));
  EXPECT_FALSE(requests.due(a, 1000 + 59'999));
  EXPECT_TRUE(requests.due(b, 1000 + 59'999));  // per node
  EXPECT_TRUE(requests.due(a, 1000 + 60'000));
  requests.answered(a);
  EXPECT_TRUE(requests.due(a, 1000 + 60'001));  // a birth went missing again
  EXPECT_EQ(requests.sent(), 4u);
}

TEST(RebirthRequests, NodesThatNeverAnswerDoNotGrowWithoutBound) {
  RebirthRequests requests(60'000);
  for (int i = 0; i < 20'000; ++i) {
    EXPECT_TRUE(requests.due({"c", "n" + std::to_string(i)}, 1000 + 60'000ULL * (i / 1000)));
  }
  EXPECT_LE(requests.tracked(), 4096u + 1000u);
}

}  // namespace
}  // namespace suanli::central
