// Calls the backend uses when the library has them.
#include <algorithm>
#include <array>

#include "tests/fakes/cndev/fake.hpp"

using namespace suanli;
using namespace suanli::fake_cndev;

namespace {

constexpr std::array<const char*, 19> kErrorTexts = {"Success",
                                                     "No driver",
                                                     "Low driver version",
                                                     "Unsupported API version",
                                                     "Uninitialized",
                                                     "Invalid argument",
                                                     "Invalid device id",
                                                     "Unknown error",
                                                     "Malloc failed",
                                                     "Insufficient space",
                                                     "Not supported",
                                                     "Invalid link",
                                                     "No devices",
                                                     "No permission",
                                                     "Not found",
                                                     "In use",
                                                     "Duplicate",
                                                     "Timeout",
                                                     "Device in problem"};

}  // namespace

FAKE_CNDEV_EXPORT const char* cndevGetErrorString(int code) {
  if (code < 0 || static_cast<std::size_t>(code) >= kErrorTexts.size()) {
    return "Cndev_ERROR not found!";
  }
  return kErrorTexts[static_cast<std::size_t>(code)];
}

FAKE_CNDEV_EXPORT const char* cndevGetCardNameStringByDevId(cndev::Device handle) {
  return Fake::instance().name(handle);
}

FAKE_CNDEV_EXPORT int cndevGetPCIeInfoV2(cndev::PcieInfoV2* info, cndev::Device handle) {
  return answer("cndevGetPCIeInfoV2", info, handle,
                [](const MluSpec& mlu, std::int64_t, cndev::PcieInfoV2& out) {
                  if (!mlu.pcie) return cndev::kNotSupported;
                  const Pcie& p = *mlu.pcie;
                  out.vendor = static_cast<std::uint16_t>(p.vendor);
                  out.deviceId = p.device;
                  out.subsystemId = p.subsystem;
                  out.subsystemVendor = static_cast<std::uint16_t>(p.subvendor);
                  out.domain = p.domain;
                  out.bus = p.bus;
                  out.device = p.dev;
                  out.function = p.func;
                  out.slotId = 0xFFFF;
                  return cndev::kSuccess;
                });
}

FAKE_CNDEV_EXPORT int cndevGetUUID(cndev::Uuid* info, cndev::Device handle) {
  return answer("cndevGetUUID", info, handle,
                [](const MluSpec& mlu, std::int64_t, cndev::Uuid& out) {
                  if (!mlu.uuid) return cndev::kNotSupported;
                  // As the header warns, the array is not NUL-terminated when full.
                  const std::size_t n = std::min(mlu.uuid->size(), cndev::kUuidSize);
                  std::fill(std::begin(out.uuid), std::end(out.uuid), 0);
                  std::copy_n(mlu.uuid->begin(), n, out.uuid);
                  return cndev::kSuccess;
                });
}

FAKE_CNDEV_EXPORT int cndevGetCoreCount(cndev::CardCoreCount* info, cndev::Device handle) {
  return answer("cndevGetCoreCount", info, handle,
                [](const MluSpec& mlu, std::int64_t, cndev::CardCoreCount& out) {
                  if (!mlu.cores) return cndev::kNotSupported;
                  out.count = *mlu.cores;
                  return cndev::kSuccess;
                });
}

FAKE_CNDEV_EXPORT int cndevGetDeviceUtilizationInfo(cndev::UtilizationInfo* info,
                                                    cndev::Device handle) {
  return answer("cndevGetDeviceUtilizationInfo", info, handle,
                [](const MluSpec& mlu, std::int64_t i, cndev::UtilizationInfo& out) {
                  int code = reading(mlu.utilization, i, out.averageCoreUtilization);
                  const int cores = std::min(mlu.cores.value_or(0), 80);
                  std::fill_n(out.coreUtilization, cores, out.averageCoreUtilization);
                  return code;
                });
}

FAKE_CNDEV_EXPORT int cndevGetMemoryUsageV2(cndev::MemoryInfoV2* info, cndev::Device handle) {
  return answer("cndevGetMemoryUsageV2", info, handle,
                [](const MluSpec& mlu, std::int64_t i, cndev::MemoryInfoV2& out) {
                  if (!mlu.memory_total_mb) return cndev::kNotSupported;
                  out.physicalMemoryTotal = *mlu.memory_total_mb;
                  out.virtualMemoryTotal = *mlu.memory_total_mb;
                  return reading(mlu.memory_used_mb, i, out.physicalMemoryUsed);
                });
}

FAKE_CNDEV_EXPORT int cndevGetFrequencyInfo(cndev::FrequencyInfo* info, cndev::Device handle) {
  return answer("cndevGetFrequencyInfo", info, handle,
                [](const MluSpec& mlu, std::int64_t i, cndev::FrequencyInfo& out) {
                  if (!mlu.max_mhz && mlu.mhz.empty()) return cndev::kNotSupported;
                  out.boardFreqArange[1] = mlu.max_mhz.value_or(0);
                  out.boardDefaultFreq = mlu.max_mhz.value_or(0);
                  reading(mlu.mhz, i, out.boardFreq);
                  return cndev::kSuccess;
                });
}

FAKE_CNDEV_EXPORT int cndevGetTemperatureInfo(cndev::TemperatureInfo* info, cndev::Device handle) {
  return answer("cndevGetTemperatureInfo", info, handle,
                [](const MluSpec& mlu, std::int64_t i, cndev::TemperatureInfo& out) {
                  if (mlu.chip_c.empty() && mlu.board_c.empty()) return cndev::kNotSupported;
                  reading(mlu.chip_c, i, out.chip);
                  reading(mlu.board_c, i, out.board);
                  return cndev::kSuccess;
                });
}

FAKE_CNDEV_EXPORT int cndevGetDevicePowerInfo(cndev::DevicePowerInfo* info, cndev::Device handle) {
  return answer("cndevGetDevicePowerInfo", info, handle,
                [](const MluSpec& mlu, std::int64_t i, cndev::DevicePowerInfo& out) {
                  reading(mlu.power_cap_w, i, out.cap);
                  return reading(mlu.power_w, i, out.usage);
                });
}

FAKE_CNDEV_EXPORT int cndevGetCardHealthState(cndev::CardHealthState* info, cndev::Device handle) {
  return answer("cndevGetCardHealthState", info, handle,
                [](const MluSpec& mlu, std::int64_t i, cndev::CardHealthState& out) {
                  out.deviceState = static_cast<std::int32_t>(
                      value_at(mlu.device_state, i).value_or(cndev::kDeviceGood));
                  out.driverState = static_cast<std::int32_t>(
                      value_at(mlu.driver_state, i).value_or(cndev::kDriverRunning));
                  return reading(mlu.health, i, out.health);
                });
}
