#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "collectors/nvml/nvml_abi.hpp"

namespace suanli::collectors::nvml {

// What a return code means beyond "this reading is absent" (docs/vendor-apis.md, "NVML return
// codes" and "NVML health signals"): the device is unhealthy, or the driver as a whole is unusable
// until NVML is opened again.
enum class Fault { none, device, driver };

struct Classified {
  Fault fault = Fault::none;
  std::string_view reason;  // health reason: "gpu_lost", "driver_error", ...; empty for none
};

Classified classify(Return code);

// Runs the NVML calls of one device. A missing entry point or a failing call gives false (that
// reading is absent); the first device or driver fault is remembered, and every later call is
// skipped, so that a lost GPU is not asked again within one sample.
class Probe {
 public:
  template <class F, class... Args>
  bool call(F* fn, Args... args) {
    if (!fn || failed()) return false;
    return check(fn(args...));
  }

  // Records `code`; true when it is success.
  bool check(Return code);

  bool failed() const { return fault_.fault != Fault::none; }
  Fault fault() const { return fault_.fault; }
  Return code() const { return code_; }  // the code that caused the fault
  std::optional<std::string> unhealthy() const;

 private:
  Classified fault_;
  Return code_ = Return::success;
};

}  // namespace suanli::collectors::nvml
