#include "agent/call_lane.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

namespace suanli::agent {

using Clock = std::chrono::steady_clock;
using Stage = LaneJob::Stage;

// Shared by the lane, its calls and its threads: a thread left in a hung call still finds it when
// the call returns, after the lane has gone.
struct LaneState {
  LaneState() : timer(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC)) {
    if (timer < 0) throw std::system_error(errno, std::generic_category(), "timerfd_create");
  }
  ~LaneState() { close(timer); }
  LaneState(const LaneState&) = delete;
  LaneState& operator=(const LaneState&) = delete;

  std::mutex mutex;
  std::condition_variable queued;    // the worker waits for calls, its tick (or the lane's end)
  std::condition_variable returned;  // waiters wait for the call they await; ~CallLane for posts
  std::deque<std::shared_ptr<LaneJob>> queue;
  std::shared_ptr<LaneJob> running;  // the current worker's job
  bool has_worker = false;           // a worker runs, or waits for calls
  int batches = 0;                   // live Batches: start() does not wake the worker
  bool ending = false;
  std::size_t workers_started = 0;
  int own_work = 0;  // posts and ticks in progress (~CallLane waits for them)

  std::function<std::chrono::milliseconds()> period;  // set by every()
  std::function<void()> tick;
  Clock::time_point next_tick{};
  int ticks_set = 0;  // every() calls: a worker waiting on the old tick looks again

  // The watchdog's timer (CLOCK_MONOTONIC, the clock of steady_clock on Linux): armed while the
  // worker runs watched calls, at or before the deadline of the one it is in.
  const int timer;
  bool armed = false;
  Clock::time_point armed_at{};
  std::chrono::milliseconds last_budget{0};  // of the last watched call
  std::thread watchdog;                      // started with the first worker
};

namespace {

void start_worker(const std::shared_ptr<LaneState>& state);

// Armed with the time left, not an absolute time: where the clock functions are interposed
// (libfaketime, which the clock tests preload), an absolute time is moved with the faked clock and
// may never come.
void set_timer(LaneState& state, Clock::time_point at) {
  itimerspec spec{};
  if (at != Clock::time_point{}) {
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(at - Clock::now());
    const std::int64_t ns = std::max<std::int64_t>(left.count(), 1);
    spec.it_value.tv_sec = static_cast<time_t>(ns / 1000000000);
    spec.it_value.tv_nsec = static_cast<long>(ns % 1000000000);
  }
  timerfd_settime(state.timer, 0, &spec, nullptr);
  state.armed = at != Clock::time_point{};
  state.armed_at = at;
}

// Out of work: the timer is disarmed, or, between ticks, left at the earliest deadline a call of
// the next round can have, so that the next round need not arm it (one timer call a round).
void idle_timer(LaneState& state) {
  if (!state.armed) return;  // the round had no watched call, or the watchdog has just fired
  const auto at = state.tick ? state.next_tick + state.last_budget : Clock::time_point{};
  if (at != state.armed_at) set_timer(state, at);
}

Clock::time_point deadline_of(const LaneJob& job) {
  return job.started + job.budget;
}

// Runs `fn`, the lane's own work, without the lock; ~CallLane waits for it.
template <class F>
void run_own_work(LaneState& state, std::unique_lock<std::mutex>& lock, F&& fn) {
  ++state.own_work;
  lock.unlock();
  fn();
  lock.lock();
  if (--state.own_work == 0 && state.ending) state.returned.notify_all();
}

// Whether the tick is due; if so, the next one is set (ticks missed meanwhile are skipped).
bool tick_due(LaneState& state) {
  if (!state.tick) return false;
  const auto now = Clock::now();
  if (now < state.next_tick) return false;
  const auto period = state.period();
  do {
    state.next_tick += period;
  } while (state.next_tick <= now);
  return true;
}

// The worker: runs queued jobs in order and the tick, until the lane ends or the call it is in is
// left behind.
void work(const std::shared_ptr<LaneState>& state) {
  std::unique_lock lock(state->mutex);
  while (!state->ending) {
    if (tick_due(*state)) {
      auto tick = state->tick;
      run_own_work(*state, lock, tick);
      continue;
    }
    if (state->queue.empty() || state->batches > 0) {
      idle_timer(*state);
      const auto ticks_set = state->ticks_set;
      auto ready = [&] {
        return state->ending || (!state->queue.empty() && state->batches == 0) ||
               state->ticks_set != ticks_set || (state->tick && Clock::now() >= state->next_tick);
      };
      if (state->tick) {
        state->queued.wait_until(lock, state->next_tick, ready);
      } else {
        state->queued.wait(lock, ready);
      }
      continue;
    }
    auto job = std::move(state->queue.front());
    state->queue.pop_front();
    job->stage = Stage::running;
    job->started = Clock::now();
    state->running = job;
    if (job->watched()) {
      state->last_budget = job->budget;
      if (!state->armed || state->armed_at > deadline_of(*job))
        set_timer(*state, deadline_of(*job));
      lock.unlock();
      job->run();
      lock.lock();
    } else {
      run_own_work(*state, lock, [&] { job->run(); });
    }
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

// The watchdog: asleep on the timer, which fires only while the worker is busy past the deadline
// it was armed for. Then the call running now is left behind if it is past its own deadline;
// otherwise the timer is armed again at that deadline.
void watch(const std::shared_ptr<LaneState>& state) {
  while (true) {
    std::uint64_t expirations = 0;
    if (read(state->timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN &&
        errno != EINTR) {
      return;
    }
    std::lock_guard lock(state->mutex);
    if (state->ending) return;
    state->armed = false;
    state->armed_at = {};
    const auto& running = state->running;
    if (!running || !running->watched()) continue;  // the worker arms it at its next call
    if (Clock::now() < deadline_of(*running)) {
      set_timer(*state, deadline_of(*running));
      continue;
    }
    // Hung: its thread keeps it, and a new worker takes the calls queued behind it.
    running->stage = Stage::left_behind;
    state->running.reset();
    start_worker(state);
    state->returned.notify_all();
  }
}

void start_worker(const std::shared_ptr<LaneState>& state) {
  state->has_worker = true;
  ++state->workers_started;
  std::thread([state] { work(state); }).detach();
  if (!state->watchdog.joinable()) state->watchdog = std::thread([state] { watch(state); });
}

struct Posted final : LaneJob {
  explicit Posted(std::function<void()> f)
      : LaneJob(std::chrono::milliseconds(0)), fn(std::move(f)) {}
  void run() override {
    fn();
    fn = nullptr;
  }
  std::function<void()> fn;
};

}  // namespace

CallLane::CallLane() : state_(std::make_shared<LaneState>()) {}

CallLane::~CallLane() {
  std::thread watchdog;
  {
    std::unique_lock lock(state_->mutex);
    state_->ending = true;
    state_->queue.clear();
    state_->tick = nullptr;
    state_->queued.notify_all();
    state_->returned.notify_all();
    state_->returned.wait(lock, [&] { return state_->own_work == 0; });
    set_timer(*state_, Clock::now());  // wakes the watchdog, which sees the end
    watchdog = std::move(state_->watchdog);
  }
  if (watchdog.joinable()) watchdog.join();
}

std::size_t CallLane::workers_started() const {
  std::lock_guard lock(state_->mutex);
  return state_->workers_started;
}

void CallLane::post(std::function<void()> fn) {
  enqueue(state_, std::make_shared<Posted>(std::move(fn)));
}

void CallLane::every(std::function<std::chrono::milliseconds()> period,
                     std::function<void()> tick) {
  std::lock_guard lock(state_->mutex);
  state_->next_tick = Clock::now() + period();
  state_->period = std::move(period);
  state_->tick = std::move(tick);
  ++state_->ticks_set;
  if (!state_->has_worker) {
    start_worker(state_);
  } else {
    state_->queued.notify_one();  // it waits for the tick from now on
  }
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
  state->returned.wait(lock, [&] {
    return state->ending || job->stage == Stage::returned || job->stage == Stage::left_behind;
  });
  --job->waiters;
  return job->stage == Stage::returned;
}

bool CallLane::returned(const std::shared_ptr<LaneState>& state, const LaneJob& job) {
  std::lock_guard lock(state->mutex);
  return job.stage == Stage::returned;
}

}  // namespace suanli::agent
