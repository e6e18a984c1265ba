#include "agent/call_lane.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace suanli::agent {
namespace {

using namespace std::chrono_literals;

// A call that blocks until released, and says when it is blocked and when it has returned.
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool open = false;
  bool left = false;

  int pass(int value) {
    std::unique_lock lock(mutex);
    entered = true;
    changed.notify_all();
    changed.wait(lock, [&] { return open; });
    left = true;
    changed.notify_all();
    return value;
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
  bool wait_entered() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 30s, [&] { return entered; });
  }
  bool wait_left() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 30s, [&] { return left; });
  }
};

TEST(AgentCallLane, CallsReturnTheirValuesInOrderOnOneThread) {
  CallLane lane;
  std::vector<std::thread::id> threads;  // only the lane's worker writes, one call at a time
  std::vector<CallLane::Call<int>> calls;
  {
    CallLane::Batch batch(lane);
    for (int i = 0; i < 5; ++i) {
      calls.push_back(lane.start<int>(5s, [i, &threads] {
        threads.push_back(std::this_thread::get_id());
        return i * 10;
      }));
    }
  }
  ASSERT_EQ(calls.back().wait(), 40);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(calls[i].result(), i * 10) << "an earlier call has returned once the last has";
  ASSERT_EQ(threads.size(), 5u);
  for (const auto& id : threads)
    EXPECT_EQ(id, threads[0]);
  EXPECT_NE(threads[0], std::this_thread::get_id());
  EXPECT_EQ(lane.workers_started(), 1u);
  EXPECT_EQ(lane.start<int>(5s, [] { return 1; }).wait(), 1);
  EXPECT_EQ(lane.workers_started(), 1u) << "the worker stays for the next calls";
}

TEST(AgentCallLane, AHungCallIsLeftToItsThreadAndTheCallsBehindItRunOnANewOne) {
  auto gate = std::make_shared<Gate>();
  CallLane lane;
  auto hung = lane.start<int>(50ms, [gate] { return gate->pass(7); });
  auto behind = lane.start<int>(5s, [] { return 8; });
  ASSERT_TRUE(gate->wait_entered());
  EXPECT_EQ(behind.wait(), 8) << "the call queued behind the hung one runs once it is left";
  EXPECT_FALSE(hung.finished());
  EXPECT_FALSE(hung.wait().has_value()) << "left behind: nothing to wait for";
  EXPECT_EQ(lane.workers_started(), 2u);
  EXPECT_EQ(lane.start<int>(5s, [] { return 9; }).wait(), 9);
  EXPECT_EQ(lane.workers_started(), 2u);

  gate->release();
  ASSERT_TRUE(gate->wait_left());
  // Its result is there once its thread has recorded it.
  std::optional<int> late;
  for (int i = 0; i < 30000 && !late; ++i) {
    late = hung.result();
    if (!late) std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(late, 7);
}

TEST(AgentCallLane, WaitingForAHungCallEndsAtItsBudget) {
  auto gate = std::make_shared<Gate>();
  CallLane lane;
  auto hung = lane.start<int>(50ms, [gate] { return gate->pass(1); });
  EXPECT_FALSE(hung.wait().has_value());
  EXPECT_FALSE(hung.finished());
  gate->release();
}

TEST(AgentCallLane, ALaneEndsWhileACallHangsAndTheCallEndsSafelyLater) {
  auto gate = std::make_shared<Gate>();
  auto owned = std::make_shared<int>(5);  // what the call touches, owned by the call
  std::optional<CallLane::Call<int>> call;
  {
    CallLane lane;
    call.emplace(lane.start<int>(1h, [gate, owned] { return gate->pass(*owned); }));
    ASSERT_TRUE(gate->wait_entered());
  }  // the lane ends without waiting for the call
  gate->release();
  ASSERT_TRUE(gate->wait_left());
  for (int i = 0; i < 30000 && !call->finished(); ++i)
    std::this_thread::sleep_for(1ms);
  EXPECT_EQ(call->result(), 5);
}

// Counts events and lets a test wait for a number of them.
struct Counter {
  std::mutex mutex;
  std::condition_variable changed;
  int count = 0;
  std::vector<std::thread::id> threads;

  void add() {
    std::lock_guard lock(mutex);
    ++count;
    threads.push_back(std::this_thread::get_id());
    changed.notify_all();
  }
  bool wait_for(int n) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 30s, [&] { return count >= n; });
  }
};

TEST(AgentCallLane, TheTickAndTheCallsItQueuesRunOnTheWorkerThread) {
  auto calls = std::make_shared<Counter>();
  Counter ticks;
  CallLane lane;
  lane.every([] { return 1ms; },
             [&] {
               ticks.add();
               lane.start<int>(5s, [calls] {
                 calls->add();
                 return 0;
               });
             });
  ASSERT_TRUE(calls->wait_for(3));
  std::scoped_lock lock(calls->mutex, ticks.mutex);
  for (const auto& id : calls->threads)
    EXPECT_EQ(id, calls->threads[0]);
  EXPECT_EQ(calls->threads[0], ticks.threads[0]) << "no hand-off between the tick and its calls";
  EXPECT_NE(calls->threads[0], std::this_thread::get_id());
  EXPECT_EQ(lane.workers_started(), 1u);
}

// Every tick queues a call and a post; the call of tick `hung_tick` hangs. Nobody waits for the
// calls: the watchdog must leave the hung one behind for the posts to go on.
void expect_ticks_go_on_past_a_call_hung_at_tick(int hung_tick) {
  auto gate = std::make_shared<Gate>();
  Counter posts;
  Counter ticks;
  CallLane lane;
  lane.every([] { return 1ms; },
             [&] {
               ticks.add();
               int tick = 0;
               {
                 std::lock_guard lock(ticks.mutex);
                 tick = ticks.count;
               }
               if (tick == hung_tick) {
                 lane.start<int>(50ms, [gate] { return gate->pass(1); });
               } else if (tick < hung_tick) {
                 lane.start<int>(5s, [] { return 0; });
               }
               lane.post([&] { posts.add(); });
             });
  ASSERT_TRUE(gate->wait_entered());
  ASSERT_TRUE(posts.wait_for(hung_tick + 2)) << "the watchdog left the hung call behind";
  EXPECT_EQ(lane.workers_started(), 2u);
  gate->release();
  ASSERT_TRUE(gate->wait_left());
}

TEST(AgentCallLane, ACallThatHangsWithNoOneWaitingIsLeftBehindAndTheTicksGoOn) {
  expect_ticks_go_on_past_a_call_hung_at_tick(1);
}

// After a round of calls the timer stays armed for the next round; a call of that round that
// hangs is still left behind.
TEST(AgentCallLane, ACallThatHangsInALaterRoundIsLeftBehindToo) {
  expect_ticks_go_on_past_a_call_hung_at_tick(3);
}

TEST(AgentCallLane, APostRunsAfterTheCallsQueuedBeforeIt) {
  CallLane lane;
  std::vector<int> order;  // the worker writes, one job at a time
  Counter done;
  {
    CallLane::Batch batch(lane);
    lane.start<int>(5s, [&] {
      order.push_back(1);
      return 1;
    });
    lane.post([&] {
      order.push_back(2);
      done.add();
    });
  }
  ASSERT_TRUE(done.wait_for(1));
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace suanli::agent
