#include "collectors/cambricon/cndev_status.hpp"

#include <array>

#include "collectors/cambricon/cndev_abi.hpp"

namespace suanli::collectors::cambricon {
namespace {

// The return codes of cndev.h, with what the header says each one means. The driver-wide ones
// are those cndevInit answers (no driver, driver too old, no usable device) and UNINITIALIZED:
// CNDev must be initialized again. An unknown internal error, a timeout or a device "in
// problem" concern the one MLU that answered them.
constexpr std::array<ReturnCode, 19> kCodes = {{
    {cndev::kSuccess, "CNDEV_SUCCESS", {Scope::ok, ""}},
    {cndev::kNoDriver, "CNDEV_ERROR_NO_DRIVER", {Scope::driver, "driver_error"}},
    {cndev::kLowDriverVersion, "CNDEV_ERROR_LOW_DRIVER_VERSION", {Scope::driver, "driver_error"}},
    {cndev::kUnsupportedApiVersion, "CNDEV_ERROR_UNSUPPORTED_API_VERSION", {Scope::reading, ""}},
    {cndev::kUninitialized, "CNDEV_ERROR_UNINITIALIZED", {Scope::driver, "driver_error"}},
    {cndev::kInvalidArgument, "CNDEV_ERROR_INVALID_ARGUMENT", {Scope::reading, ""}},
    {cndev::kInvalidDeviceId, "CNDEV_ERROR_INVALID_DEVICE_ID", {Scope::device, "not_found"}},
    {cndev::kUnknown, "CNDEV_ERROR_UNKNOWN", {Scope::device, "driver_error"}},
    {cndev::kMalloc, "CNDEV_ERROR_MALLOC", {Scope::reading, ""}},
    {cndev::kInsufficientSpace, "CNDEV_ERROR_INSUFFICIENT_SPACE", {Scope::reading, ""}},
    {cndev::kNotSupported, "CNDEV_ERROR_NOT_SUPPORTED", {Scope::reading, ""}},
    {cndev::kInvalidLink, "CNDEV_ERROR_INVALID_LINK", {Scope::reading, ""}},
    {cndev::kNoDevices, "CNDEV_ERROR_NO_DEVICES", {Scope::driver, "driver_error"}},
    {cndev::kNoPermission, "CNDEV_ERROR_NO_PERMISSION", {Scope::reading, ""}},
    {cndev::kNotFound, "CNDEV_ERROR_NOT_FOUND", {Scope::device, "not_found"}},
    {cndev::kInUse, "CNDEV_ERROR_IN_USE", {Scope::reading, ""}},
    {cndev::kDuplicate, "CNDEV_ERROR_DUPLICATE", {Scope::reading, ""}},
    {cndev::kTimeout, "CNDEV_ERROR_TIMEOUT", {Scope::device, "timeout"}},
    {cndev::kInProblem, "CNDEV_ERROR_IN_PROBLEM", {Scope::device, "device_in_problem"}},
}};

}  // namespace

Status classify(int code) {
  if (const ReturnCode* c = find_return_code(kCodes, code)) return c->status;
  return {Scope::device, "driver_error"};
}

std::string_view code_name(int code) {
  const ReturnCode* c = find_return_code(kCodes, code);
  return c ? c->name : std::string_view();
}

}  // namespace suanli::collectors::cambricon
