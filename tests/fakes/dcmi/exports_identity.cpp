// The chip identity calls, which many drivers lack (the backend resolves them optionally).
#include "tests/fakes/dcmi/fake.hpp"

using namespace suanli;
using namespace suanli::fake_dcmi;

FAKE_DCMI_EXPORT int dcmi_get_device_die_v2(int card_id, int device_id, int input_type,
                                            dcmi::DieId* die_id) {
  return answer("dcmi_get_device_die_v2", card_id, device_id, die_id,
                [input_type](const ChipSpec& chip, std::int64_t, dcmi::DieId& out) {
                  if (input_type != dcmi::kDieNdie && input_type != dcmi::kDieVdie) {
                    return dcmi::kInvalidParameter;
                  }
                  const auto& id = input_type == dcmi::kDieVdie ? chip.vdie : chip.ndie;
                  if (!id) return dcmi::kNotSupport;
                  std::copy(id->begin(), id->end(), out.soc_die);
                  return dcmi::kOk;
                });
}

FAKE_DCMI_EXPORT int dcmi_get_device_elabel_info(int card_id, int device_id,
                                                 dcmi::ElabelInfo* elabel_info) {
  return answer("dcmi_get_device_elabel_info", card_id, device_id, elabel_info,
                [](const ChipSpec& chip, std::int64_t, dcmi::ElabelInfo& out) {
                  if (!chip.serial) return dcmi::kNotSupport;
                  out = dcmi::ElabelInfo{};
                  std::copy_n(chip.serial->begin(),
                              std::min(chip.serial->size(), sizeof out.serial_number - 1),
                              out.serial_number);
                  return dcmi::kOk;
                });
}
