#include "agent/call_lane.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

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

}  // namespace
}  // namespace suanli::agent
