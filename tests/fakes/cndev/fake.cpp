#include "tests/fakes/cndev/fake.hpp"

#include <chrono>
#include <thread>

namespace suanli::fake_cndev {
namespace {

std::optional<Scenario> load_scenario() {
  const auto text = fake_support::read_file_named_by("SUANLI_FAKE_CNDEV_SCENARIO");
  return text ? parse_scenario(*text) : std::nullopt;
}

bool matches(const Fault& f, const std::string& function, int device, std::int64_t index) {
  return f.covers(function, index) && (!f.device || *f.device == device);
}

// The scenario position of `handle`, or -1.
int position(const Scenario& s, cndev::Device handle) {
  const auto at = static_cast<std::int64_t>(handle) - kHandleBase;
  return at >= 0 && at < static_cast<std::int64_t>(s.devices.size()) ? static_cast<int>(at) : -1;
}

}  // namespace

Fake& Fake::instance() {
  static Fake* fake = new Fake;  // never destroyed: a call may still be blocked in it at exit
  return *fake;
}

int Fake::init() {
  auto scenario = load_scenario();
  std::lock_guard lock(mutex_);
  calls_.clear();
  if (!scenario) {
    scenario_.reset();
    return cndev::kNoDriver;
  }
  scenario_ = std::make_shared<const Scenario>(std::move(*scenario));
  every_scenario_.push_back(scenario_);
  if (scenario_->init_code != cndev::kSuccess) {
    const int code = scenario_->init_code;
    scenario_.reset();
    return code;
  }
  return cndev::kSuccess;
}

int Fake::release() {
  std::lock_guard lock(mutex_);
  if (!scenario_) return cndev::kUninitialized;
  scenario_.reset();
  ++releases_;
  released_.notify_all();
  return cndev::kSuccess;
}

Call Fake::enter(const char* function, std::optional<cndev::Device> handle) {
  Call call;
  std::unique_lock lock(mutex_);
  call.scenario = scenario_;
  if (!scenario_) {
    call.code = cndev::kUninitialized;
    return call;
  }
  const int device = handle ? position(*scenario_, *handle) : -1;
  if (handle && device < 0) {
    call.code = cndev::kInvalidDeviceId;
    return call;
  }
  call.index = calls_[{function, device}]++;
  const Fault* fault = nullptr;
  for (const Fault& f : scenario_->faults) {
    if (matches(f, function, device, call.index)) {
      fault = &f;
      break;
    }
  }
  if (fault && fault->hang) {
    const std::uint64_t releases = releases_;
    ++hung_;
    hung_changed_.notify_all();
    released_.wait(lock, [&] { return releases_ != releases; });
    --hung_;
    call.code = cndev::kUninitialized;
    return call;
  }
  if (fault) call.code = fault->code;
  if (fault && fault->block_ms > 0) {
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(fault->block_ms));
  }
  if (call.code == cndev::kSuccess && device >= 0) {
    call.mlu = &call.scenario->devices[static_cast<std::size_t>(device)];
  }
  return call;
}

bool Fake::wait_hung(int count, int timeout_ms) {
  std::unique_lock lock(mutex_);
  return hung_changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                                [&] { return hung_ >= count; });
}

const char* Fake::name(cndev::Device handle) {
  std::lock_guard lock(mutex_);
  if (!scenario_) return "Unknown";
  const int device = position(*scenario_, handle);
  if (device < 0) return "Unknown";
  const std::string& name = scenario_->devices[static_cast<std::size_t>(device)].name;
  return name.empty() ? "Unknown" : name.c_str();
}

}  // namespace suanli::fake_cndev
