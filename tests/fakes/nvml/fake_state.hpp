#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

#include "tests/fakes/nvml/scenario.hpp"

namespace suanli::fake_nvml {

using collectors::nvml::DeviceHandle;
using collectors::nvml::GpmSampleHandle;

// A GPU (slice unset) or one of its MIG devices, by position in the scenario.
struct Target {
  std::size_t gpu = 0;
  std::optional<std::size_t> slice;
  auto operator<=>(const Target&) const = default;
};

// Handles are encoded positions, never pointers the fake dereferences: a stale or made-up
// handle is answered INVALID_ARGUMENT, not a crash.
DeviceHandle encode(Target target);
std::optional<Target> decode(DeviceHandle handle);

struct GpmRecord {
  std::optional<Target> target;  // unset until nvmlGpmSampleGet fills it
  unsigned sample = 0;
};

// What an entry point sees while it runs (under the fake's lock).
struct Context {
  const Scenario& scenario;
  const DeviceSpec* gpu = nullptr;   // set for calls on a device
  const SliceSpec* slice = nullptr;  // set for calls on a MIG device
  std::optional<Target> target;
  unsigned sample = 0;  // the target's sample number: its count of utilization calls
  std::map<std::uintptr_t, GpmRecord>& gpm_samples;
};

using Body = std::function<Return(Context&)>;

// Initialization count, the scenario, per-target sample counts and GPM samples.
class FakeNvml {
 public:
  static FakeNvml& instance();

  // The first init (again after the last shutdown) reads the scenario afresh and restarts the
  // sample counts.
  Return init(std::string_view call);

  // Runs entry point `call` on `target` (none for calls without a device): checks init and the
  // target, counts a sample on nvmlDeviceGetUtilizationRates, plays the first matching fault
  // (blocking without the lock), then runs `body` under the lock.
  Return run(std::string_view call, std::optional<Target> target, const Body& body);

  Return shutdown();

 private:
  std::optional<Fault> find_fault(std::string_view call, const std::optional<Target>& target,
                                  unsigned sample) const;
  bool resolve(const std::optional<Target>& target, Context& context) const;

  std::mutex mutex_;
  unsigned init_count_ = 0;
  Scenario scenario_;
  std::map<Target, unsigned> samples_;
  std::map<std::uintptr_t, GpmRecord> gpm_samples_;
};

// The hang switch of faults with "hang" (README.md): wait_hung is true once exactly `count` calls
// hang at the same time, false after `timeout`; set_hang(false) ends every hang.
bool wait_hung(int count, std::chrono::milliseconds timeout);
void set_hang(bool on);

}  // namespace suanli::fake_nvml
