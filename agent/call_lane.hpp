#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace suanli::agent {

// A job queued on a CallLane: a vendor call with its budget (how long it may run once started),
// or, with no budget, the lane's own work between calls, which never blocks.
struct LaneJob {
  explicit LaneJob(std::chrono::milliseconds b) : budget(b) {}
  virtual ~LaneJob() = default;
  virtual void run() = 0;  // stores the result in the job; runs without the lane's lock
  bool watched() const { return budget.count() > 0; }

  const std::chrono::milliseconds budget;
  // The rest is guarded by the lane's mutex.
  enum class Stage { queued, running, left_behind, returned } stage = Stage::queued;
  std::chrono::steady_clock::time_point started{};
  int waiters = 0;  // threads waiting for it to return
};

struct LaneState;  // call_lane.cpp

// Vendor calls run one after another on one thread, the lane's worker, which also runs the lane's
// periodic tick (every()), so that a tick that queues calls costs one thread wake-up in all. The
// worker arms a timer when it starts a call and disarms it when it runs out of work; the lane's
// watchdog thread sleeps on that timer and is woken only when a call passes its budget: it leaves
// the call to the thread it hangs in and starts a new worker for the calls queued behind it (and
// the tick). The old thread ends when the hung call returns. So a node's calls cost one thread and
// no thread switch between them, and a device has a thread of its own only while a call to it
// hangs. A call cannot be cancelled: the function must own (shared_ptr) whatever it touches,
// since a hung call may outlive the lane and its caller.
class CallLane {
 public:
  CallLane();
  // Queued calls are dropped and the tick stops; waits for work of the lane's own (post(), the
  // tick) in progress, not for a vendor call: the worker ends once its current call returns.
  ~CallLane();
  CallLane(const CallLane&) = delete;
  CallLane& operator=(const CallLane&) = delete;

  template <class T>
  class Call;

  // Queues `fn`, which may run for `budget` once it starts.
  template <class T>
  Call<T> start(std::chrono::milliseconds budget, std::function<T()> fn);

  // Queues `fn` to run on the worker after the calls queued before it (after they returned or
  // were left behind), with no budget: it must not block.
  void post(std::function<void()> fn);

  // From now on the worker calls `tick` every `period()` (read again each time), first one period
  // from now; ticks missed while the worker was busy are skipped, not caught up. `tick` runs on
  // the worker, like a post().
  void every(std::function<std::chrono::milliseconds()> period, std::function<void()> tick);

  // While a Batch lives, start() queues without waking the worker; the Batch's end wakes it
  // once, so that the caller does not contend with a worker already running the first call.
  class Batch {
   public:
    explicit Batch(CallLane& lane);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

   private:
    CallLane& lane_;
  };

  // Threads started for this lane so far: the first worker and one for each call left behind.
  std::size_t workers_started() const;

 private:
  friend class Batch;
  static void enqueue(const std::shared_ptr<LaneState>& state, std::shared_ptr<LaneJob> job);
  // Waits until `job` returns (true) or is left behind (false).
  static bool wait(const std::shared_ptr<LaneState>& state, const std::shared_ptr<LaneJob>& job);
  static bool returned(const std::shared_ptr<LaneState>& state, const LaneJob& job);

  std::shared_ptr<LaneState> state_;
};

template <class T>
class CallLane::Call {
 public:
  // Waits until the call returns, or until it is left behind (it passed its budget); its result,
  // or nothing when it has not returned.
  std::optional<T> wait() {
    if (!CallLane::wait(state_, job_)) return std::nullopt;
    return job_->value;
  }

  // Its result, without waiting: nothing while it is queued or running.
  std::optional<T> result() const {
    if (!finished()) return std::nullopt;
    return job_->value;
  }

  bool finished() const { return CallLane::returned(state_, *job_); }

 private:
  friend class CallLane;
  struct Job final : LaneJob {
    Job(std::chrono::milliseconds budget, std::function<T()> f)
        : LaneJob(budget), fn(std::move(f)) {}
    void run() override {
      value = fn();
      fn = nullptr;  // what it owns goes now, not with the last holder of the result
    }
    std::function<T()> fn;
    std::optional<T> value;
  };

  Call(std::shared_ptr<LaneState> state, std::shared_ptr<Job> job)
      : state_(std::move(state)), job_(std::move(job)) {}

  std::shared_ptr<LaneState> state_;
  std::shared_ptr<Job> job_;
};

template <class T>
CallLane::Call<T> CallLane::start(std::chrono::milliseconds budget, std::function<T()> fn) {
  auto job = std::make_shared<typename Call<T>::Job>(budget, std::move(fn));
  enqueue(state_, job);
  return Call<T>(state_, std::move(job));
}

}  // namespace suanli::agent
