#include "collectors/ascend/dcmi_status.hpp"

#include <array>

#include "collectors/ascend/dcmi_abi.hpp"

namespace suanli::collectors::ascend {
namespace {

// docs/vendor-apis.md, "DCMI return codes". An ioctl failure means the device driver stopped
// answering and an upgrade replaces it: both are backend-wide. A dropped card answers NOT_READY
// ("DCMI health").
constexpr std::array<ReturnCode, 17> kCodes = {{
    {dcmi::kInvalidParameter, "INVALID_PARAMETER", {Scope::reading, ""}},
    {dcmi::kOperNotPermitted, "OPER_NOT_PERMITTED", {Scope::reading, ""}},
    {dcmi::kMemOperateFail, "MEM_OPERATE_FAIL", {Scope::device, "driver_error"}},
    {dcmi::kSecureFunFail, "SECURE_FUN_FAIL", {Scope::device, "driver_error"}},
    {dcmi::kInnerErr, "INNER_ERR", {Scope::device, "driver_error"}},
    {dcmi::kTimeOut, "TIME_OUT", {Scope::reading, ""}},
    {dcmi::kInvalidDeviceId, "INVALID_DEVICE_ID", {Scope::device, "not_found"}},
    {dcmi::kDeviceNotExist, "DEVICE_NOT_EXIST", {Scope::device, "not_found"}},
    {dcmi::kIoctlFail, "IOCTL_FAIL", {Scope::driver, "driver_error"}},
    {dcmi::kSendMsgFail, "SEND_MSG_FAIL", {Scope::device, "driver_error"}},
    {dcmi::kRecvMsgFail, "RECV_MSG_FAIL", {Scope::device, "driver_error"}},
    {dcmi::kNotReady, "NOT_REDAY", {Scope::device, "not_ready"}},
    {dcmi::kNotSupportInContainer, "NOT_SUPPORT_IN_CONTAINER", {Scope::reading, ""}},
    {dcmi::kIsUpgrading, "IS_UPGRADING", {Scope::driver, "driver_upgrading"}},
    {dcmi::kResourceOccupied, "RESOURCE_OCCUPIED", {Scope::reading, ""}},
    {dcmi::kConfigInfoNotExist, "CONFIG_INFO_NOT_EXIST", {Scope::reading, ""}},
    {dcmi::kNotSupport, "NOT_SUPPORT", {Scope::reading, ""}},
}};

}  // namespace

Status classify(int code) {
  if (code == dcmi::kOk) return {Scope::ok, ""};
  if (const ReturnCode* c = find_return_code(kCodes, code)) return c->status;
  return {Scope::device, "driver_error"};
}

std::string describe(int code) {
  std::string out = std::to_string(code);
  if (const ReturnCode* c = find_return_code(kCodes, code))
    out.append(" (DCMI_ERROR_").append(c->name).append(")");
  return out;
}

}  // namespace suanli::collectors::ascend
