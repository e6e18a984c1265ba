#include "tests/fakes/dcmi/fake.hpp"

FAKE_DCMI_EXPORT int dcmi_get_card_list(int* card_num, int* card_list, int list_len) {
  return suanli::fake_dcmi::card_list("dcmi_get_card_list", card_num, card_list, list_len);
}
