#include "agent/call_lane.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace suanli::agent {

using Clock = std::chrono::steady_clock;
using Stage = LaneJob::Stage;

// Shared by the lane, its calls and its worker threads: a thread left in a hung call still finds
// it when the call returns, after the lane has gone.
struct LaneState {
  std::mutex mutex;
  std::condition_variable queued;    // the worker waits for calls (or the lane's end)
  std::condition_variable returned;  // waiters wait for the call they await
  std::deque<std::shared_ptr<LaneJob>> queue;
  std::shared_ptr<LaneJob> running;  // the current worker's call
  bool has_worker = false;           // a worker runs, or waits for calls
  int batches = 0;                   // live Batches: start() does not wake the worker
  bool ending = false;
  std::size_t workers_started = 0;
};

namespace {

void start_worker(const std::shared_ptr<LaneState>& state);

// The worker: runs queued calls in order until the lane ends or the call it is in is left behind.
void work(const std::shared_ptr<LaneState>& state) {
  std::unique_lock lock(state->mutex);
  while (true) {
    state->queued.wait(
        lock, [&] { return state->ending || (!state->queue.empty() && state->batches == 0); });
    if (state->ending) break;
    auto job = std::move(state->queue.front());
    state->queue.pop_front();
    job->stage = Stage::running;
    job->started = Clock::now();
    state->running = job;
    lock.unlock();
    job->run();
    lock.lock();
    const bool left_behind = job->stage == Stage::left_behind;
    job->stage = Stage::returned;
    if (!left_behind) state->running.reset();
    if (job->waiters > 0) {
      // Woken after the unlock, a waiter does not block again on the mutex this thread holds.
      lock.unlock();
      state->returned.notify_all();
      lock.lock();
    }
    if (left_behind) return;  // another worker has the lane now
  }
  state->has_worker = false;
}

void start_worker(const std::shared_ptr<LaneState>& state) {
  state->has_worker = true;
  ++state->workers_started;
  std::thread([state] { work(state); }).detach();
}

}  // namespace

CallLane::CallLane() : state_(std::make_shared<LaneState>()) {}

CallLane::~CallLane() {
  std::lock_guard lock(state_->mutex);
  state_->ending = true;
  state_->queue.clear();
  state_->queued.notify_all();
  state_->returned.notify_all();
}

std::size_t CallLane::workers_started() const {
  std::lock_guard lock(state_->mutex);
  return state_->workers_started;
}

CallLane::Batch::Batch(CallLane& lane) : lane_(lane) {
  std::lock_guard lock(lane_.state_->mutex);
  ++lane_.state_->batches;
}

CallLane::Batch::~Batch() {
  bool last = false;
  {
    std::lock_guard lock(lane_.state_->mutex);
    last = --lane_.state_->batches == 0;
  }
  if (last) lane_.state_->queued.notify_one();
}

void CallLane::enqueue(const std::shared_ptr<LaneState>& state, std::shared_ptr<LaneJob> job) {
  std::lock_guard lock(state->mutex);
  state->queue.push_back(std::move(job));
  if (!state->has_worker) {
    start_worker(state);
  } else if (state->batches == 0) {
    state->queued.notify_one();
  }
}

bool CallLane::wait(const std::shared_ptr<LaneState>& state, const std::shared_ptr<LaneJob>& job) {
  std::unique_lock lock(state->mutex);
  ++job->waiters;
  while (!state->ending && (job->stage == Stage::queued || job->stage == Stage::running)) {
    const auto now = Clock::now();
    const auto& running = state->running;
    if (!running) {
      // Between two calls: the next one starts at once; look again within its budget.
      state->returned.wait_until(lock, now + job->budget);
      continue;
    }
    const auto deadline = running->started + running->budget;
    if (now < deadline) {
      state->returned.wait_until(lock, deadline);
      continue;
    }
    // Hung: its thread keeps it, and a new worker takes the calls queued behind it.
    running->stage = Stage::left_behind;
    state->running.reset();
    start_worker(state);
  }
  --job->waiters;
  return job->stage == Stage::returned;
}

bool CallLane::returned(const std::shared_ptr<LaneState>& state, const LaneJob& job) {
  std::lock_guard lock(state->mutex);
  return job.stage == Stage::returned;
}

}  // namespace suanli::agent
