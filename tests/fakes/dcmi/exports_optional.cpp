// Calls the backend uses when the library has them.
#include "tests/fakes/dcmi/fake.hpp"

using namespace suanli;
using namespace suanli::fake_dcmi;

namespace {

// A Sequence reading: NOT_SUPPORT when the scenario does not give it.
template <class T>
int reading(const Sequence& seq, std::int64_t index, T& out) {
  return fake_support::take(seq, index, out) ? dcmi::kOk : dcmi::kNotSupport;
}

}  // namespace

FAKE_DCMI_EXPORT int dcmi_get_device_type(int card_id, int device_id, int* unit_type) {
  return answer("dcmi_get_device_type", card_id, device_id, unit_type,
                [](const ChipSpec& chip, std::int64_t, int& out) {
                  out = chip.unit_type;
                  return dcmi::kOk;
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_chip_info_v2(int card_id, int device_id,
                                                  dcmi::ChipInfoV2* chip_info) {
  return answer("dcmi_get_device_chip_info_v2", card_id, device_id, chip_info,
                [](const ChipSpec& chip, std::int64_t, dcmi::ChipInfoV2& out) {
                  if (!chip.chip_info_v2) return dcmi::kNotSupport;
                  copy_text(out.npu_name, chip.npu_name);
                  return fill_chip_info(chip, out);
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_pcie_info_v2(int card_id, int device_id,
                                                  dcmi::PcieInfoAll* pcie_info) {
  return answer("dcmi_get_device_pcie_info_v2", card_id, device_id, pcie_info,
                [](const ChipSpec& chip, std::int64_t, dcmi::PcieInfoAll& out) {
                  if (!chip.pcie) return dcmi::kNotSupport;
                  out = dcmi::PcieInfoAll{};
                  out.venderid = chip.pcie->vendor;
                  out.subvenderid = chip.pcie->subvendor;
                  out.deviceid = chip.pcie->device;
                  out.subdeviceid = chip.pcie->subdevice;
                  out.domain = chip.pcie->domain;
                  out.bdf_busid = chip.pcie->bus;
                  out.bdf_deviceid = chip.pcie->dev;
                  out.bdf_funcid = chip.pcie->func;
                  return dcmi::kOk;
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_utilization_rate(int card_id, int device_id, int input_type,
                                                      unsigned int* utilization_rate) {
  return answer("dcmi_get_device_utilization_rate", card_id, device_id, utilization_rate,
                [input_type](const ChipSpec& chip, std::int64_t index, unsigned int& out) {
                  if (input_type != dcmi::kUtilizationAiCore) return dcmi::kNotSupport;
                  return reading(chip.aicore_util, index, out);
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_hbm_info(int card_id, int device_id, dcmi::HbmInfo* hbm_info) {
  return answer("dcmi_get_device_hbm_info", card_id, device_id, hbm_info,
                [](const ChipSpec& chip, std::int64_t index, dcmi::HbmInfo& out) {
                  if (!chip.hbm) return dcmi::kNotSupport;
                  out = dcmi::HbmInfo{};
                  out.memory_size = chip.hbm->total_mb;
                  out.memory_usage = static_cast<unsigned long long>(
                      value_at(chip.hbm->used_mb, index).value_or(0));
                  out.freq = chip.hbm->freq_mhz;
                  out.temp = chip.hbm->temp_c;
                  return dcmi::kOk;
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_frequency(int card_id, int device_id, int freq_type,
                                               unsigned int* frequency) {
  return answer("dcmi_get_device_frequency", card_id, device_id, frequency,
                [freq_type](const ChipSpec& chip, std::int64_t index, unsigned int& out) {
                  if (freq_type == dcmi::kFrequencyAiCoreMax && chip.aicore_max_mhz) {
                    out = *chip.aicore_max_mhz;
                    return dcmi::kOk;
                  }
                  if (freq_type == dcmi::kFrequencyAiCoreCurrent) {
                    return reading(chip.aicore_mhz, index, out);
                  }
                  return dcmi::kNotSupport;
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_power_info(int card_id, int device_id, int* power) {
  return answer("dcmi_get_device_power_info", card_id, device_id, power,
                [](const ChipSpec& chip, std::int64_t index, int& out) {
                  return reading(chip.power_tenths_w, index, out);
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_temperature(int card_id, int device_id, int* temperature) {
  return answer("dcmi_get_device_temperature", card_id, device_id, temperature,
                [](const ChipSpec& chip, std::int64_t index, int& out) {
                  return reading(chip.temperature_c, index, out);
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_health(int card_id, int device_id, unsigned int* health) {
  return answer("dcmi_get_device_health", card_id, device_id, health,
                [](const ChipSpec& chip, std::int64_t index, unsigned int& out) {
                  return reading(chip.health, index, out);
                });
}
