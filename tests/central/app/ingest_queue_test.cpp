// The bounded ingest queue: push blocks while it is full by messages or by bytes, pop and close
// wake the waiters, nothing queued is lost by close.

#include "central/app/ingest_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

namespace suanli::central {
namespace {

// Waits (bounded) until `done` holds.
bool queue_waits_until(const std::function<bool()>& done) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > limit) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Pushes on its own thread; pushed() once push() has returned, with its result in accepted().
class BackgroundPush {
 public:
  BackgroundPush(IngestQueue& q, std::string payload)
      : thread_([this, &q, payload = std::move(payload)] {
          accepted_ = q.push("t", payload);
          pushed_ = true;
        }) {}
  ~BackgroundPush() { thread_.join(); }
  bool pushed() const { return pushed_; }
  bool accepted() const { return accepted_; }

 private:
  std::atomic<bool> pushed_{false};
  std::atomic<bool> accepted_{false};
  std::thread thread_;
};

TEST(IngestQueue, PushWaitsWhileTheQueueHoldsItsMessagesThenPopMakesRoom) {
  IngestQueue q(2, 1 << 20);
  ASSERT_TRUE(q.push("t", "a"));
  ASSERT_TRUE(q.push("t", "b"));
  BackgroundPush third(q, "c");
  ASSERT_TRUE(queue_waits_until([&] { return q.waiting_pushes() == 1; }));
  EXPECT_FALSE(third.pushed());
  EXPECT_EQ(q.stats().queue, 2u);

  std::vector<QueuedMessage> out;
  ASSERT_TRUE(q.pop(1, out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, "a");
  ASSERT_TRUE(queue_waits_until([&] { return third.pushed(); }));
  EXPECT_TRUE(third.accepted());
  ASSERT_TRUE(q.pop(10, out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].payload, "b");
  EXPECT_EQ(out[1].payload, "c");
  EXPECT_EQ(q.stats().queue_high_water, 2u);
}

TEST(IngestQueue, PushWaitsWhileThePayloadBytesWouldPassTheBound) {
  IngestQueue q(100, 10);
  ASSERT_TRUE(q.push("t", "12345678"));
  EXPECT_EQ(q.stats().queue_bytes, 8u);
  BackgroundPush over(q, "abc");  // 11 bytes in all
  ASSERT_TRUE(queue_waits_until([&] { return q.waiting_pushes() == 1; }));
  EXPECT_FALSE(over.pushed());

  std::vector<QueuedMessage> out;
  ASSERT_TRUE(q.pop(1, out));
  ASSERT_TRUE(queue_waits_until([&] { return over.pushed(); }));
  EXPECT_EQ(q.stats().queue_bytes, 3u);
  EXPECT_EQ(q.stats().queue_bytes_capacity, 10u);
}

TEST(IngestQueue, AMessageLargerThanTheByteBoundPassesAloneIntoAnEmptyQueue) {
  IngestQueue q(100, 4);
  ASSERT_TRUE(q.push("t", "larger than four"));
  BackgroundPush next(q, "x");
  ASSERT_TRUE(queue_waits_until([&] { return q.waiting_pushes() == 1; }));
  std::vector<QueuedMessage> out;
  ASSERT_TRUE(q.pop(10, out));
  EXPECT_EQ(out.size(), 1u);
  ASSERT_TRUE(queue_waits_until([&] { return next.pushed(); }));
}

TEST(IngestQueue, PopTakesNoMoreBytesThanAskedBeyondItsFirstMessage) {
  IngestQueue q(100, 1024);
  for (const char* payload : {"0123456789", "abcde", "fghij", "k"})
    ASSERT_TRUE(q.push("t", payload));
  std::vector<QueuedMessage> out;
  ASSERT_TRUE(q.pop(10, out, 4));  // the first always, though larger
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, "0123456789");
  ASSERT_TRUE(q.pop(10, out, 10));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].payload, "fghij");
  ASSERT_TRUE(q.pop(10, out, 10));
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(q.stats().queue_bytes, 0u);
}

TEST(IngestQueue, PopWaitsForAPush) {
  IngestQueue q(4, 1024);
  std::vector<QueuedMessage> out;
  std::atomic<bool> popped{false};
  std::thread consumer([&] { popped = q.pop(4, out); });
  q.push("t", "a");
  consumer.join();
  EXPECT_TRUE(popped);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].topic, "t");
}

TEST(IngestQueue, CloseWakesAWaitingPushWhichQueuesNothingAndKeepsWhatIsQueued) {
  IngestQueue q(1, 1024);
  ASSERT_TRUE(q.push("t", "kept"));
  {
    BackgroundPush refused(q, "refused");
    ASSERT_TRUE(queue_waits_until([&] { return q.waiting_pushes() == 1; }));
    q.close();
    ASSERT_TRUE(queue_waits_until([&] { return refused.pushed(); }));
    EXPECT_FALSE(refused.accepted());
  }
  EXPECT_FALSE(q.push("t", "after close"));
  std::vector<QueuedMessage> out;
  ASSERT_TRUE(q.pop(10, out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, "kept");
  EXPECT_FALSE(q.pop(10, out));
  EXPECT_TRUE(out.empty());
}

TEST(IngestQueue, CloseWakesAWaitingPop) {
  IngestQueue q(4, 1024);
  std::atomic<bool> returned{false};
  std::atomic<bool> result{true};
  std::thread consumer([&] {
    std::vector<QueuedMessage> out;
    result = q.pop(4, out);
    returned = true;
  });
  q.close();
  consumer.join();
  EXPECT_TRUE(returned);
  EXPECT_FALSE(result);
}

}  // namespace
}  // namespace suanli::central
