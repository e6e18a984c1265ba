#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "agent/call_lane.hpp"
#include "collectors/catalog/catalog.hpp"
#include "collectors/device_backend.hpp"
#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// The node's devices: the configured backends, their inventory with peaks, and sampling with a
// deadline per vendor call, so that one hung or lost device never stalls the others. Every vendor
// call runs on one CallLane: in order on one thread, a hung one left to a thread of its own.
// Thread-safe: discover() may run on one thread while the lane samples (start_sampling()); the
// set's state is guarded by a mutex that is never held while a vendor call is awaited.
class DeviceSet {
 public:
  // The backends the config enables (collectors/registry.hpp).
  DeviceSet(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog);
  // Given backends, for tests of the orchestration.
  DeviceSet(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
            std::vector<collectors::BackendChoice> backends);

  // Opens the backends that are not open (and re-opens those that asked for it), enumerates
  // every device and resolves its peaks. A device of a backend that lists unclaimed devices only
  // (collectors/backend_descriptor.hpp) is left out when another backend found a device at its
  // PCI bus address, and its peaks stay unknown. A backend that cannot open is absent (one log
  // line). A backend that fails after it had found devices keeps them in the inventory, unhealthy
  // ("driver_error"), so installed capacity does not vanish with a driver; it is opened again
  // with exponential backoff (1 s doubling to 5 min) at later discoveries. A backend whose
  // discovery passes its deadline (five call deadlines) keeps the devices it had, still sampled,
  // and is not asked again until that discovery returns.
  // One discover() at a time.
  void discover();

  // Changed only by discover(): read it on the thread that calls discover().
  const std::vector<wire::Device>& inventory() const { return inventory_; }

  using RoundDone = std::function<void(std::vector<collectors::Reading>)>;

  // One reading per inventory device, in inventory order. The calls run one after another, each
  // with the deadline from its start. A call past its deadline gives an unhealthy reading
  // ("timeout") and is left to its thread, while the devices after it are sampled on a new one;
  // that device is not called again until the call returns, and later rounds do not wait on it.
  // Once it has returned, the device is sampled with the others again.
  std::vector<collectors::Reading> sample();

  // Queues a sample round as sample() does, without waiting: `done` gets its readings on the
  // lane's worker once every call has returned or was left behind. A round that a discover()
  // changed the inventory under gets no readings (an empty vector).
  void start_round(RoundDone done);

  // From now on the lane's worker starts a round every `period()` by itself (one thread wake-up
  // a round); `done` as for start_round(). It stops when the set ends.
  void start_sampling(std::function<std::chrono::milliseconds()> period, RoundDone done);

  // True when discover() should run now rather than at the next discovery interval: a backend
  // saw a driver error while sampling (needs_reopen), or the backoff of one that failed after it
  // had opened has run out. (One that never opened, e.g. no library, waits for the discovery
  // interval.)
  bool rediscovery_due() const;

  // The deadline of each vendor call from the next call on (collectors.call_timeout_ms).
  void set_call_timeout(std::chrono::milliseconds timeout);

  // Threads the vendor calls have had so far: one, and one more each time a call hung.
  std::size_t call_threads_started() const { return lane_.workers_started(); }

 private:
  struct BackendState {
    std::string_view name;  // its descriptor's: the `backend` of its devices, and in its logs
    std::shared_ptr<collectors::DeviceBackend> backend;
    config::Enablement enabled;
    bool lists_unclaimed_only = false;
    bool open = false;
    bool opened_once = false;  // present on this machine: its library loaded or files were found
    bool down = false;         // failed since it last discovered
    std::vector<collectors::DeviceInfo> devices;  // last discovered
    // A discover() that passed its deadline and has not returned yet.
    std::optional<CallLane::Call<Expected<std::vector<collectors::DeviceInfo>>>> discovering;
    std::chrono::steady_clock::time_point retry_at{};
    std::chrono::milliseconds backoff{0};
  };
  struct Slot {
    std::size_t backend;  // index into backends_
    std::size_t index;    // the device's index in its backend's discover()
    std::optional<CallLane::Call<collectors::Reading>> in_flight;
    bool timed_out = false;  // the last call passed its deadline (logged once)
  };

  using Lock = std::unique_lock<std::mutex>;
  // Waits for `call` without holding the set's mutex.
  template <class T>
  static std::optional<T> await(Lock& lock, CallLane::Call<T> call) {
    lock.unlock();
    auto result = call.wait();
    lock.lock();
    return result;
  }
  bool open_backend(Lock& lock, BackendState& state);
  void close_backend(Lock& lock, BackendState& state);
  void note_failure(BackendState& state);
  std::vector<collectors::DeviceInfo> discover_backend(Lock& lock, BackendState& state);
  void queue_round(RoundDone done, bool unless_one_runs);
  void finish_round(std::uint64_t generation, const RoundDone& done);
  // The reading of a slot after a round: its answer, or why there is none.
  collectors::Reading reading_of(Slot& slot, const wire::Device& device);
  // How long open() and discover() may take: more than one reading.
  std::chrono::milliseconds discover_budget() const;
  // Logs, once per device, why a device's peak is unknown.
  void note_unknown_peak(const wire::Device& d);

  mutable std::mutex mutex_;  // guards all below but the lane
  config::AgentConfig cfg_;
  std::shared_ptr<const Catalog> catalog_;
  std::vector<BackendState> backends_;
  std::vector<Slot> slots_;  // parallel to inventory_
  std::vector<wire::Device> inventory_;
  std::set<std::string> unknown_peak_logged_;
  std::uint64_t generation_ = 0;  // counts the inventories: a round knows the one it sampled
  bool round_running_ = false;    // queued, its readings not yet taken
  CallLane lane_;                 // last: it ends first, and with it the rounds that use the above
};

}  // namespace suanli::agent
