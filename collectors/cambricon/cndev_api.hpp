#pragma once

#include <memory>
#include <string>

#include "collectors/cambricon/cndev_abi.hpp"
#include "collectors/dynamic_library.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::cambricon {

// The CNDev entry points of one loaded libcndev.so. The first four are never null after
// resolve(); each of the others is null when the library does not export it (an older driver),
// and that reading is then unknown.
struct CndevApi {
  std::shared_ptr<DynamicLibrary> library;

  cndev::InitFn* init = nullptr;
  cndev::ReleaseFn* release = nullptr;
  cndev::DeviceCountFn* device_count = nullptr;
  cndev::HandleByIndexFn* handle_by_index = nullptr;

  cndev::ErrorStringFn* error_string = nullptr;
  cndev::CardNameFn* card_name = nullptr;
  cndev::InfoFn<cndev::PcieInfoV2>* pcie_info = nullptr;
  cndev::InfoFn<cndev::Uuid>* uuid = nullptr;
  cndev::InfoFn<cndev::CardCoreCount>* core_count = nullptr;
  cndev::InfoFn<cndev::UtilizationInfo>* utilization = nullptr;
  cndev::InfoFn<cndev::MemoryInfoV2>* memory = nullptr;
  cndev::InfoFn<cndev::FrequencyInfo>* frequency = nullptr;
  cndev::InfoFn<cndev::TemperatureInfo>* temperature = nullptr;
  cndev::InfoFn<cndev::DevicePowerInfo>* power = nullptr;
  cndev::InfoFn<cndev::CardHealthState>* health = nullptr;

  // "18 (CNDEV_ERROR_IN_PROBLEM: <cndevGetErrorString's text>)".
  std::string describe(int code) const;

  // Fails naming the first required symbol the library lacks.
  static Expected<CndevApi> resolve(std::shared_ptr<DynamicLibrary> library);
};

}  // namespace suanli::collectors::cambricon
