// The calls the backend cannot do without, except the card list (exports_card_list*.cpp).
#include "tests/fakes/dcmi/fake.hpp"

using namespace suanli;
using namespace suanli::fake_dcmi;

FAKE_DCMI_EXPORT int dcmi_init(void) {
  return Fake::instance().init();
}

FAKE_DCMI_EXPORT int dcmi_get_device_num_in_card(int card_id, int* device_num) {
  if (!device_num) return dcmi::kInvalidParameter;
  const Call call = Fake::instance().enter("dcmi_get_device_num_in_card", card_id);
  if (call.code != dcmi::kOk) return call.code;
  *device_num = static_cast<int>(call.card->chips.size());
  return dcmi::kOk;
}

FAKE_DCMI_EXPORT int dcmi_get_device_chip_info(int card_id, int device_id,
                                               dcmi::ChipInfo* chip_info) {
  return answer("dcmi_get_device_chip_info", card_id, device_id, chip_info,
                [](const ChipSpec& chip, std::int64_t, dcmi::ChipInfo& out) {
                  return fill_chip_info(chip, out);
                });
}
