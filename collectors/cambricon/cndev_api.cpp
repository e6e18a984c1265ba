#include "collectors/cambricon/cndev_api.hpp"

#include "collectors/cambricon/cndev_status.hpp"

namespace suanli::collectors::cambricon {

std::string CndevApi::describe(int code) const {
  std::string out = std::to_string(code);
  const std::string_view name = code_name(code);
  const char* text = error_string ? error_string(code) : nullptr;
  if (name.empty() && !text) return out;
  out.append(" (").append(name.empty() ? "CNDEV error" : name);
  if (text && *text) out.append(": ").append(text);
  return out.append(")");
}

Expected<CndevApi> CndevApi::resolve(std::shared_ptr<DynamicLibrary> library) {
  const DynamicLibrary& lib = *library;
  CndevApi api;
  api.init = lib.symbol<cndev::InitFn>({"cndevInit"});
  api.release = lib.symbol<cndev::ReleaseFn>({"cndevRelease"});
  api.device_count = lib.symbol<cndev::DeviceCountFn>({"cndevGetDeviceCount"});
  api.handle_by_index = lib.symbol<cndev::HandleByIndexFn>({"cndevGetDeviceHandleByIndex"});
  const char* missing = !api.init              ? "cndevInit"
                        : !api.release         ? "cndevRelease"
                        : !api.device_count    ? "cndevGetDeviceCount"
                        : !api.handle_by_index ? "cndevGetDeviceHandleByIndex"
                                               : nullptr;
  if (missing) {
    return Expected<CndevApi>::failure(lib.path() + ": missing required symbol " + missing);
  }

  api.error_string = lib.symbol<cndev::ErrorStringFn>({"cndevGetErrorString"});
  api.card_name = lib.symbol<cndev::CardNameFn>({"cndevGetCardNameStringByDevId"});
  api.pcie_info = lib.symbol<cndev::InfoFn<cndev::PcieInfoV2>>({"cndevGetPCIeInfoV2"});
  api.uuid = lib.symbol<cndev::InfoFn<cndev::Uuid>>({"cndevGetUUID"});
  api.core_count = lib.symbol<cndev::InfoFn<cndev::CardCoreCount>>({"cndevGetCoreCount"});
  api.utilization =
      lib.symbol<cndev::InfoFn<cndev::UtilizationInfo>>({"cndevGetDeviceUtilizationInfo"});
  api.memory = lib.symbol<cndev::InfoFn<cndev::MemoryInfoV2>>({"cndevGetMemoryUsageV2"});
  api.frequency = lib.symbol<cndev::InfoFn<cndev::FrequencyInfo>>({"cndevGetFrequencyInfo"});
  api.temperature = lib.symbol<cndev::InfoFn<cndev::TemperatureInfo>>({"cndevGetTemperatureInfo"});
  api.power = lib.symbol<cndev::InfoFn<cndev::DevicePowerInfo>>({"cndevGetDevicePowerInfo"});
  api.health = lib.symbol<cndev::InfoFn<cndev::CardHealthState>>({"cndevGetCardHealthState"});
  api.library = std::move(library);
  return api;
}

}  // namespace suanli::collectors::cambricon
