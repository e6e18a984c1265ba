#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "collectors/cambricon/cndev_abi.hpp"
#include "tests/fakes/cndev/scenario.hpp"

#define FAKE_CNDEV_EXPORT extern "C" __attribute__((visibility("default")))

namespace suanli::fake_cndev {

// Handles are not indices, so that a caller passing an index where CNDev wants a handle fails.
inline constexpr cndev::Device kHandleBase = 0x100;

// One call as the scenario answers it: when code is not kSuccess the call returns it and nothing
// else is filled in; otherwise `mlu` is the device's spec (for per-device calls).
struct Call {
  int code = cndev::kSuccess;
  std::int64_t index = 0;                    // how many earlier calls of this function it had
  std::shared_ptr<const Scenario> scenario;  // keeps `mlu` alive
  const MluSpec* mlu = nullptr;
};

class Fake {
 public:
  static Fake& instance();

  // Loads the scenario named by SUANLI_FAKE_CNDEV_SCENARIO; its init_code, or NO_DRIVER when the
  // file is missing or invalid.
  int init();
  // Wakes every call hung until release; later calls answer UNINITIALIZED until init().
  int release();

  // Counts the call and applies the scenario's faults (blocking without holding the lock). A
  // per-device call passes the handle it was given.
  Call enter(const char* function, std::optional<cndev::Device> handle = {});

  // The device's name, valid for the life of the process; "Unknown" for a bad handle.
  const char* name(cndev::Device handle);

  // Waits until `count` calls hang (fault `hang`), at most `timeout_ms`; true when they do.
  bool wait_hung(int count, int timeout_ms);

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  std::uint64_t releases_ = 0;
  int hung_ = 0;  // calls waiting for a release
  std::condition_variable hung_changed_;
  std::shared_ptr<const Scenario> scenario_;                     // null when not initialized
  std::vector<std::shared_ptr<const Scenario>> every_scenario_;  // names stay valid
  std::map<std::pair<std::string, int>, std::int64_t> calls_;
};

// For per-device exports: null output or a struct whose version the header does not define ->
// INVALID_ARGUMENT / UNSUPPORTED_API_VERSION; else the fault's code or fill(mlu, index, *out).
template <class Out, class Fill>
int answer(const char* function, Out* out, cndev::Device handle, Fill fill) {
  if (!out) return cndev::kInvalidArgument;
  if constexpr (requires { out->version; }) {
    if (out->version < 1 || out->version > cndev::kVersion6) return cndev::kUnsupportedApiVersion;
  }
  const Call call = Fake::instance().enter(function, handle);
  if (call.code != cndev::kSuccess) return call.code;
  return fill(*call.mlu, call.index, *out);
}

// A Sequence reading: NOT_SUPPORTED when the scenario does not give it.
template <class T>
int reading(const Sequence& seq, std::int64_t index, T& out) {
  return fake_support::take(seq, index, out) ? cndev::kSuccess : cndev::kNotSupported;
}

}  // namespace suanli::fake_cndev
