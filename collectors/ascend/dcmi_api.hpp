#pragma once

#include "collectors/ascend/dcmi_abi.hpp"
#include "collectors/dynamic_library.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::ascend {

// The DCMI entry points of one loaded libdcmi.so. The first four are never null after
// resolve(); each of the others is null when the library does not export it.
struct DcmiApi {
  dcmi::InitFn* init = nullptr;
  dcmi::CardListFn* card_list = nullptr;
  dcmi::DeviceNumInCardFn* device_num_in_card = nullptr;
  // At least one of the two chip-info calls is present.
  dcmi::ChipInfoV2Fn* chip_info_v2 = nullptr;
  dcmi::ChipInfoFn* chip_info = nullptr;

  dcmi::DeviceTypeFn* device_type = nullptr;
  dcmi::PcieInfoFn* pcie_info = nullptr;
  dcmi::UtilizationRateFn* utilization_rate = nullptr;
  dcmi::HbmInfoFn* hbm_info = nullptr;
  dcmi::FrequencyFn* frequency = nullptr;
  dcmi::PowerInfoFn* power_info = nullptr;
  dcmi::TemperatureFn* temperature = nullptr;
  dcmi::HealthFn* health = nullptr;
  dcmi::DieIdFn* die_id = nullptr;
  dcmi::ElabelInfoFn* elabel_info = nullptr;

  // Fails naming the first required symbol the library lacks.
  static Expected<DcmiApi> resolve(const DynamicLibrary& lib);
};

}  // namespace suanli::collectors::ascend
