#include "collectors/ascend/dcmi_api.hpp"

#include <string>

namespace suanli::collectors::ascend {

Expected<DcmiApi> DcmiApi::resolve(const DynamicLibrary& lib) {
  DcmiApi api;
  api.init = lib.symbol<dcmi::InitFn>({"dcmi_init"});
  // dcmi_get_card_num_list is the V1 name of the same call (docs/vendor-apis.md, "DCMI
  // functions").
  api.card_list = lib.symbol<dcmi::CardListFn>({"dcmi_get_card_list", "dcmi_get_card_num_list"});
  api.device_num_in_card = lib.symbol<dcmi::DeviceNumInCardFn>({"dcmi_get_device_num_in_card"});
  api.chip_info_v2 = lib.symbol<dcmi::ChipInfoV2Fn>({"dcmi_get_device_chip_info_v2"});
  api.chip_info = lib.symbol<dcmi::ChipInfoFn>({"dcmi_get_device_chip_info"});

  const char* missing = !api.init                             ? "dcmi_init"
                        : !api.card_list                      ? "dcmi_get_card_list"
                        : !api.device_num_in_card             ? "dcmi_get_device_num_in_card"
                        : !api.chip_info_v2 && !api.chip_info ? "dcmi_get_device_chip_info"
                                                              : nullptr;
  if (missing) {
    return Expected<DcmiApi>::failure(lib.path() + ": missing required symbol " + missing);
  }

  api.device_type = lib.symbol<dcmi::DeviceTypeFn>({"dcmi_get_device_type"});
  api.pcie_info = lib.symbol<dcmi::PcieInfoFn>({"dcmi_get_device_pcie_info_v2"});
  api.utilization_rate = lib.symbol<dcmi::UtilizationRateFn>({"dcmi_get_device_utilization_rate"});
  api.hbm_info = lib.symbol<dcmi::HbmInfoFn>({"dcmi_get_device_hbm_info"});
  api.frequency = lib.symbol<dcmi::FrequencyFn>({"dcmi_get_device_frequency"});
  api.power_info = lib.symbol<dcmi::PowerInfoFn>({"dcmi_get_device_power_info"});
  api.temperature = lib.symbol<dcmi::TemperatureFn>({"dcmi_get_device_temperature"});
  api.health = lib.symbol<dcmi::HealthFn>({"dcmi_get_device_health"});
  api.die_id = lib.symbol<dcmi::DieIdFn>({"dcmi_get_device_die_v2"});
  api.elabel_info = lib.symbol<dcmi::ElabelInfoFn>({"dcmi_get_device_elabel_info"});
  return api;
}

}  // namespace suanli::collectors::ascend
