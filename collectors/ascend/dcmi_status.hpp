#pragma once

#include <string>
#include <string_view>

namespace suanli::collectors::ascend {

// What a DCMI return code means for the agent.
enum class Scope {
  ok,
  reading,  // this one reading is unavailable (not supported, not permitted, retry later)
  chip,     // the chip is unhealthy; the other chips are not affected
  driver,   // the driver is gone or being replaced: re-open the backend
};

struct Status {
  Scope scope;
  std::string_view reason;  // Reading::unhealthy for chip and driver scopes
};

Status classify(int code);

// "-8009 (DCMI_ERROR_IOCTL_FAIL)"; unknown codes print as the number alone.
std::string describe(int code);

}  // namespace suanli::collectors::ascend
