#include "tests/fakes/nvml/fake_state.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace suanli::fake_nvml {
namespace {

constexpr std::uintptr_t kSliceBits = 8;  // up to 255 MIG devices per GPU
constexpr std::uintptr_t kAlign = 16;     // handles look like aligned pointers

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Scenario load_scenario() {
  const char* path = std::getenv("SUANLI_FAKE_NVML_SCENARIO");
  if (!path || !*path) throw std::runtime_error("SUANLI_FAKE_NVML_SCENARIO is not set");
  const char* faults = std::getenv("SUANLI_FAKE_NVML_FAULTS");
  try {
    return parse_scenario(read_file(path), faults ? faults : "");
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(path) + ": " + e.what());
  }
}

bool matches(const Fault& f, std::string_view call, const std::optional<Target>& target,
             unsigned sample) {
  std::string_view base = call;
  if (base.ends_with("_v2") || base.ends_with("_v3")) base.remove_suffix(3);
  if (f.call != call && f.call != base) return false;
  if (f.device && (!target || target->gpu != *f.device || target->slice != f.slice)) return false;
  return sample >= f.from_sample;
}

// nvmlShutdown calls so far, for faults that block until the next one; the hang switch (on when
// the library loads) and the calls it holds.
std::mutex shutdown_mutex;
std::condition_variable shutdown_called;
std::uint64_t shutdowns = 0;
bool hang_on = true;
int hung_calls = 0;

void block_while_hang_on() {
  std::unique_lock lock(shutdown_mutex);
  ++hung_calls;
  shutdown_called.notify_all();
  shutdown_called.wait(lock, [] { return !hang_on; });
  --hung_calls;
  shutdown_called.notify_all();
}

// Blocks for the fault's block_ms (until an nvmlShutdown, at most that long, when the fault says
// until_shutdown), then gives its error, if it has one.
std::optional<Return> play(const std::optional<Fault>& fault) {
  if (!fault) return std::nullopt;
  const std::chrono::milliseconds block(fault->block_ms);
  if (fault->hang) {
    block_while_hang_on();
  } else if (fault->until_shutdown) {
    std::unique_lock lock(shutdown_mutex);
    const std::uint64_t before = shutdowns;
    shutdown_called.wait_for(lock, block, [before] { return shutdowns != before; });
  } else if (fault->block_ms) {
    std::this_thread::sleep_for(block);
  }
  return fault->error;
}

}  // namespace

DeviceHandle encode(Target target) {
  std::uintptr_t slice = target.slice ? *target.slice + 1 : 0;
  std::uintptr_t value = ((target.gpu + 1) << kSliceBits | slice) * kAlign;
  return reinterpret_cast<DeviceHandle>(value);
}

std::optional<Target> decode(DeviceHandle handle) {
  auto value = reinterpret_cast<std::uintptr_t>(handle);
  if (value == 0 || value % kAlign != 0) return std::nullopt;
  value /= kAlign;
  std::uintptr_t gpu = value >> kSliceBits;
  std::uintptr_t slice = value & ((1u << kSliceBits) - 1);
  if (gpu == 0) return std::nullopt;
  Target t{gpu - 1, std::nullopt};
  if (slice) t.slice = slice - 1;
  return t;
}

FakeNvml& FakeNvml::instance() {
  // Never destroyed (the library is linked -z nodelete): a call still blocked at exit finds it.
  static FakeNvml* fake = new FakeNvml;
  return *fake;
}

Return FakeNvml::init(std::string_view call) {
  std::optional<Fault> fault;
  {
    std::lock_guard lock(mutex_);
    if (init_count_ == 0) {
      try {
        scenario_ = load_scenario();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "fake libnvidia-ml: %s\n", e.what());
        scenario_ = {};
        return Return::unknown;
      }
      samples_.clear();
    }
    fault = find_fault(call, std::nullopt, 0);
  }
  if (auto error = play(fault)) return *error;
  std::lock_guard lock(mutex_);
  ++init_count_;
  return Return::success;
}

Return FakeNvml::shutdown() {
  const Return r = run("nvmlShutdown", std::nullopt, [this](Context&) {
    --init_count_;
    return Return::success;
  });
  {  // after the shutdown took effect, so that a call it wakes answers UNINITIALIZED
    std::lock_guard lock(shutdown_mutex);
    ++shutdowns;
  }
  shutdown_called.notify_all();
  return r;
}

Return FakeNvml::run(std::string_view call, std::optional<Target> target, const Body& body) {
  std::optional<Fault> fault;
  {
    std::lock_guard lock(mutex_);
    if (init_count_ == 0) return Return::uninitialized;
    Context check{scenario_, nullptr, nullptr, target, 0, gpm_samples_};
    if (!resolve(target, check)) return Return::invalid_argument;
    unsigned sample = target ? samples_[*target] : 0;
    if (target && call == "nvmlDeviceGetUtilizationRates") sample = ++samples_[*target];
    fault = find_fault(call, target, sample);
  }
  if (auto error = play(fault)) return *error;

  std::lock_guard lock(mutex_);
  if (init_count_ == 0) return Return::uninitialized;  // shut down while the call was blocked
  Context context{scenario_, nullptr, nullptr, target, 0, gpm_samples_};
  if (!resolve(target, context)) return Return::invalid_argument;
  if (target) context.sample = samples_[*target];
  return body(context);
}

bool FakeNvml::resolve(const std::optional<Target>& target, Context& context) const {
  if (!target) return true;
  if (target->gpu >= scenario_.devices.size()) return false;
  context.gpu = &scenario_.devices[target->gpu];
  if (!target->slice) return true;
  const auto& mig = context.gpu->mig;
  if (!mig || !mig->enabled || *target->slice >= mig->slices.size()) return false;
  context.slice = &mig->slices[*target->slice];
  return true;
}

std::optional<Fault> FakeNvml::find_fault(std::string_view call,
                                          const std::optional<Target>& target,
                                          unsigned sample) const {
  for (const auto& f : scenario_.faults) {
    if (matches(f, call, target, sample)) return f;
  }
  return std::nullopt;
}

bool wait_hung(int count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(shutdown_mutex);
  return shutdown_called.wait_for(lock, timeout, [count] { return hung_calls == count; });
}

void set_hang(bool on) {
  {
    std::lock_guard lock(shutdown_mutex);
    hang_on = on;
  }
  shutdown_called.notify_all();
}

}  // namespace suanli::fake_nvml
