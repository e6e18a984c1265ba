#include "collectors/nvml/nvml_probe.hpp"

namespace suanli::collectors::nvml {

Classified classify(Return code) {
  switch (code) {
    case Return::gpu_is_lost:
      return {Fault::device, "gpu_lost"};
    case Return::reset_required:
      return {Fault::device, "reset_required"};
    case Return::irq_issue:
      return {Fault::device, "irq_issue"};
    case Return::insufficient_power:
      return {Fault::device, "insufficient_power"};
    case Return::corrupted_inforom:
      return {Fault::device, "corrupted_inforom"};
    case Return::uninitialized:
    case Return::driver_not_loaded:
    case Return::lib_rm_version_mismatch:
      return {Fault::driver, "driver_error"};
    default:
      return {};
  }
}

bool Probe::check(Return code) {
  if (code == Return::success) return true;
  if (!failed()) {
    fault_ = classify(code);
    if (failed()) code_ = code;
  }
  return false;
}

std::optional<std::string> Probe::unhealthy() const {
  if (!failed()) return std::nullopt;
  return std::string(fault_.reason);
}

}  // namespace suanli::collectors::nvml
