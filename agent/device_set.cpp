#include "agent/device_set.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <set>

#include "agent/peak_catalog.hpp"
#include "collectors/catalog/peaks.hpp"
#include "collectors/pci_address.hpp"
#include "collectors/registry.hpp"

namespace suanli::agent {
namespace {

using Clock = std::chrono::steady_clock;
using collectors::DeviceInfo;
using collectors::Reading;

// open() and discover() may load a library and walk every device: more time than one reading.
constexpr int kDiscoverDeadlineFactor = 5;
constexpr std::chrono::milliseconds kFirstBackoff{1000};
constexpr std::chrono::milliseconds kMaxBackoff{300000};

std::optional<std::string> canonical_bus_of(const DeviceInfo& device) {
  return device.bus_id ? collectors::canonical_bus_id(*device.bus_id) : std::nullopt;
}

}  // namespace

DeviceSet::DeviceSet(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog)
    : DeviceSet(cfg, std::move(catalog), collectors::configured_backends(cfg)) {}

DeviceSet::DeviceSet(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
                     std::vector<collectors::BackendChoice> backends)
    : cfg_(cfg), catalog_(std::move(catalog)) {
  for (auto& choice : backends) {
    BackendState state;
    state.name = choice.name;
    state.backend = std::move(choice.backend);
    state.enabled = choice.enabled;
    state.lists_unclaimed_only = choice.lists_unclaimed_only;
    backends_.push_back(std::move(state));
  }
}

void DeviceSet::note_failure(BackendState& state) {
  state.down = true;
  state.backoff = std::clamp(state.backoff * 2, kFirstBackoff, kMaxBackoff);
  state.retry_at = Clock::now() + state.backoff;
}

void DeviceSet::close_backend(Lock& lock, BackendState& state) {
  auto backend = state.backend;
  await(lock, lane_.start<bool>(std::chrono::milliseconds(cfg_.call_timeout_ms), [backend] {
    backend->close();
    return true;
  }));
  state.open = false;
}

bool DeviceSet::open_backend(Lock& lock, BackendState& state) {
  if (state.open && !state.backend->needs_reopen()) return true;
  auto backend = state.backend;
  if (state.open) {
    spdlog::warn("{}: driver error, re-opening", state.name);
    close_backend(lock, state);
  }
  auto result = await(lock, lane_.start<std::optional<std::string>>(
                                discover_budget(), [backend] { return backend->open(); }));
  std::string why = !result ? "open timed out" : result->value_or("");
  if (why.empty()) {
    state.open = true;
    state.opened_once = true;
    return true;
  }
  if (state.enabled == config::Enablement::on) {
    spdlog::error("{}: enabled but unavailable: {}", state.name, why);
  } else {
    spdlog::info("{}: not available: {}", state.name, why);
  }
  return false;
}

std::vector<DeviceInfo> DeviceSet::discover_backend(Lock& lock, BackendState& state) {
  auto backend = state.backend;
  if (state.discovering) {
    // A discovery past its deadline (a hung call): the backend is neither closed nor asked
    // again until it returns, and its devices are sampled meanwhile.
    if (!state.discovering->finished()) return state.devices;
  } else {
    if (!state.open && Clock::now() < state.retry_at) return state.devices;
    if (!open_backend(lock, state)) {
      note_failure(state);
      return state.devices;
    }
    state.discovering.emplace(lane_.start<Expected<std::vector<DeviceInfo>>>(
        discover_budget(), [backend] { return backend->discover(); }));
  }
  auto found = await(lock, *state.discovering);
  if (!found) {
    spdlog::warn(
        "{}: discovery did not finish within {} ms; its {} devices found before stay and "
        "are sampled until it does",
        state.name, cfg_.call_timeout_ms * kDiscoverDeadlineFactor, state.devices.size());
    return state.devices;
  }
  state.discovering.reset();
  if (!found->ok()) {
    spdlog::warn("{}: discovery failed: {}", state.name, found->error());
    close_backend(lock, state);
    note_failure(state);
    return state.devices;
  }
  state.devices = std::move(*found).value();
  state.down = false;
  state.backoff = std::chrono::milliseconds{0};
  return state.devices;
}

void DeviceSet::note_unknown_peak(const wire::Device& d) {
  if (d.peak_source != PeakSource::unknown || d.parent) return;
  if (!unknown_peak_logged_.insert(d.id).second) return;
  spdlog::warn("device {} ({}): peak unknown, counted as unknown in every precision: {}", d.id,
               d.model, d.peak_basis.value_or("no reason given"));
}

void DeviceSet::discover() {
  Lock lock(mutex_);
  std::vector<std::vector<DeviceInfo>> found;
  std::set<std::string> claimed;  // the bus addresses of the devices that backends measure
  for (auto& state : backends_) {
    found.push_back(discover_backend(lock, state));
    if (state.lists_unclaimed_only) continue;
    for (const DeviceInfo& device : found.back()) {
      if (auto bus = canonical_bus_of(device)) claimed.insert(*bus);
    }
  }
  std::vector<Slot> slots;
  std::vector<wire::Device> inventory;
  std::set<std::string> ids;
  for (std::size_t b = 0; b < backends_.size(); ++b) {
    const BackendState& state = backends_[b];
    const auto& devices = found[b];
    for (std::size_t i = 0; i < devices.size(); ++i) {
      if (state.lists_unclaimed_only) {
        const auto bus = canonical_bus_of(devices[i]);
        if (bus && claimed.contains(*bus)) continue;
      }
      if (!ids.insert(devices[i].id).second) continue;  // one UUID is one device
      inventory.push_back(
          describe_device(*catalog_, devices[i], state.name, cfg_.catalog_overrides,
                          state.lists_unclaimed_only ? PeakLookup::unknown : PeakLookup::resolve));
      note_unknown_peak(inventory.back());
      slots.push_back({b, i, std::nullopt, false});
    }
  }
  // A slice's peak is its share of the physical device's, which is counted once.
  std::map<std::string, const wire::Device*> by_id;
  for (const auto& d : inventory)
    by_id[d.id] = &d;
  for (auto& d : inventory) {
    if (!d.parent || !d.share || !by_id.contains(*d.parent)) continue;
    take_share_of(d, *by_id[*d.parent]);
  }
  // Calls still running against the old inventory stay with their devices' ids.
  std::map<std::pair<std::size_t, std::size_t>, std::optional<CallLane::Call<Reading>>> running;
  for (auto& s : slots_)
    running[{s.backend, s.index}] = std::move(s.in_flight);
  for (auto& s : slots) {
    auto it = running.find({s.backend, s.index});
    if (it == running.end() || !it->second) continue;
    s.in_flight = std::move(it->second);
    s.timed_out = !s.in_flight->finished();
  }
  slots_ = std::move(slots);
  inventory_ = std::move(inventory);
  ++generation_;
}

std::vector<Reading> DeviceSet::sample() {
  struct Result {
    std::mutex mutex;
    std::condition_variable ready;
    std::optional<std::vector<Reading>> readings;
  };
  auto result = std::make_shared<Result>();
  start_round([result](std::vector<Reading> readings) {
    std::lock_guard lock(result->mutex);
    result->readings = std::move(readings);
    result->ready.notify_one();
  });
  std::unique_lock lock(result->mutex);
  result->ready.wait(lock, [&] { return result->readings.has_value(); });
  return std::move(*result->readings);
}

void DeviceSet::start_round(RoundDone done) {
  queue_round(std::move(done), false);
}

void DeviceSet::queue_round(RoundDone done, bool unless_one_runs) {
  // A device still hung from an earlier round gets no second call, and the round does not wait
  // on it again: it answers "timeout" unless its call has returned by then.
  std::lock_guard lock(mutex_);
  if (unless_one_runs && round_running_) return;
  round_running_ = true;
  CallLane::Batch batch(lane_);
  for (auto& slot : slots_) {
    if (backends_[slot.backend].down) continue;
    if (slot.in_flight && !slot.in_flight->finished()) continue;
    auto backend = backends_[slot.backend].backend;
    std::size_t index = slot.index;
    slot.in_flight.emplace(
        lane_.start<Reading>(std::chrono::milliseconds(cfg_.call_timeout_ms),
                             [backend, index] { return backend->sample(index); }));
  }
  // The lane runs jobs in order: by then each call has returned or was left behind.
  lane_.post(
      [this, generation = generation_, done = std::move(done)] { finish_round(generation, done); });
}

void DeviceSet::finish_round(std::uint64_t generation, const RoundDone& done) {
  std::vector<Reading> readings;
  {
    std::lock_guard lock(mutex_);
    round_running_ = false;
    if (generation == generation_) {
      readings.reserve(slots_.size());
      for (std::size_t i = 0; i < slots_.size(); ++i) {
        readings.push_back(reading_of(slots_[i], inventory_[i]));
      }
    }
  }
  done(std::move(readings));
}

void DeviceSet::start_sampling(std::function<std::chrono::milliseconds()> period, RoundDone done) {
  // A tick while the last round is still queued (behind a call that hung) is skipped.
  lane_.every(std::move(period), [this, done = std::move(done)] { queue_round(done, true); });
}

Reading DeviceSet::reading_of(Slot& slot, const wire::Device& device) {
  Reading reading;
  if (backends_[slot.backend].down) {
    reading.unhealthy = "driver_error";
    return reading;
  }
  if (auto answer = slot.in_flight->result()) {
    if (slot.timed_out) spdlog::info("device {} answers again", device.id);
    slot.timed_out = false;
    slot.in_flight.reset();
    return std::move(*answer);
  }
  if (!slot.timed_out) {
    spdlog::warn("device {} did not answer within {} ms; unhealthy until it does", device.id,
                 cfg_.call_timeout_ms);
  }
  slot.timed_out = true;
  reading.unhealthy = "timeout";
  return reading;
}

std::chrono::milliseconds DeviceSet::discover_budget() const {
  return std::chrono::milliseconds(cfg_.call_timeout_ms * kDiscoverDeadlineFactor);
}

bool DeviceSet::rediscovery_due() const {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  return std::any_of(backends_.begin(), backends_.end(), [&](const BackendState& state) {
    if (state.discovering) return state.discovering->finished();  // its result is waiting
    return (state.open && state.backend->needs_reopen()) ||
           (state.down && state.opened_once && now >= state.retry_at);
  });
}

void DeviceSet::set_call_timeout(std::chrono::milliseconds timeout) {
  std::lock_guard lock(mutex_);
  cfg_.call_timeout_ms = static_cast<int>(timeout.count());
}

}  // namespace suanli::agent
