// The retained indicator's publisher: at once at start, soon after a change (long before its
// longest interval), coalesced (no second publish within the shortest interval however many
// changes), and at least once per longest interval without a change.

#include "central/app/indicator_publisher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace suanli::central {
namespace {

using namespace std::chrono_literals;

// Counts publish calls and lets the test wait for a count.
class PublishLog {
 public:
  IndicatorPublisher::Publish callback(bool published = true) {
    return [this, published] {
      {
        std::lock_guard lk(mu_);
        ++calls_;
      }
      cv_.notify_all();
      return published;
    };
  }
  bool wait_for_calls(std::uint64_t n) {
    std::unique_lock lk(mu_);
    return cv_.wait_for(lk, 10s, [&] { return calls_ >= n; });
  }
  std::uint64_t calls() {
    std::lock_guard lk(mu_);
    return calls_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t calls_ = 0;
};

TEST(IndicatorPublisher, PublishesAtStartAndSoonAfterAChangeNotAfterItsLongestInterval) {
  PublishLog log;
  IndicatorPublisher publisher(1ms, 1h, log.callback());
  publisher.start();
  ASSERT_TRUE(log.wait_for_calls(1));
  publisher.changed();
  ASSERT_TRUE(log.wait_for_calls(2));
  publisher.changed();
  ASSERT_TRUE(log.wait_for_calls(3));
  publisher.stop();
  EXPECT_EQ(publisher.publishes(), 3u);
}

TEST(IndicatorPublisher, ChangesWithinTheShortestIntervalAreCoalesced) {
  PublishLog log;
  IndicatorPublisher publisher(1h, 2h, log.callback());
  publisher.start();
  ASSERT_TRUE(log.wait_for_calls(1));
  for (int i = 0; i < 100; ++i)
    publisher.changed();
  publisher.stop();
  EXPECT_EQ(log.calls(), 1u);
  EXPECT_EQ(publisher.publishes(), 1u);
}

TEST(IndicatorPublisher, PublishesAtLeastOncePerLongestIntervalWithoutAChange) {
  PublishLog log;
  IndicatorPublisher publisher(1ms, 5ms, log.callback());
  publisher.start();
  EXPECT_TRUE(log.wait_for_calls(4));
}

TEST(IndicatorPublisher, CountsOnlyWhatWasPublished) {
  PublishLog log;
  IndicatorPublisher publisher(1ms, 1h, log.callback(false));
  publisher.start();
  ASSERT_TRUE(log.wait_for_calls(1));
  publisher.changed();
  ASSERT_TRUE(log.wait_for_calls(2));
  publisher.stop();
  EXPECT_EQ(publisher.publishes(), 0u);
}

}  // namespace
}  // namespace suanli::central
