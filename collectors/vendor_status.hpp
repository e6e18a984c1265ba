#pragma once

#include <span>
#include <string>
#include <string_view>

#include "collectors/device_backend.hpp"

namespace suanli::collectors {

// What a vendor library's return code means for the agent.
enum class Scope {
  ok,
  reading,  // this one reading is unavailable (not supported, not permitted, retry later)
  device,   // the device is unhealthy; the other devices are not affected
  driver,   // the driver is gone or being replaced: re-open the backend
};

struct Status {
  Scope scope;
  std::string_view reason;  // Reading::unhealthy for the device and driver scopes
};

// One return code of a vendor's header, by name, with what it means.
struct ReturnCode {
  int code;
  std::string_view name;
  Status status;
};

// The entry of `code` in `table`; null when the header does not list it.
const ReturnCode* find_return_code(std::span<const ReturnCode> table, int code);

struct CallFailure {
  int code = 0;
  Status status{Scope::ok, ""};
};

// Keeps the first failure among the calls about one device that concerns the device or the
// driver rather than one reading: after it, the caller asks that device nothing more, since
// each further call on a failing device could block as well.
class FailureGuard {
 public:
  explicit FailureGuard(Status (*classify)(int code)) : classify_(classify) {}

  // Records `code`; true when it is success.
  bool check(int code) {
    const Status status = classify_(code);
    if (status.scope == Scope::device || status.scope == Scope::driver) failure_ = {code, status};
    return status.scope == Scope::ok;
  }

  // The first failure about the device or the driver; null while there is none.
  const CallFailure* failure() const {
    return failure_.status.scope == Scope::ok ? nullptr : &failure_;
  }

 private:
  Status (*classify_)(int code);
  CallFailure failure_;
};

// Marks `r` unhealthy with the reason of `failure`, when there is one; true when that failure is
// the driver's (the backend must be re-opened).
inline bool mark_failure(Reading& r, const CallFailure* failure) {
  if (!failure) return false;
  r.unhealthy = std::string(failure->status.reason);
  return failure->status.scope == Scope::driver;
}

}  // namespace suanli::collectors
