#pragma once

#include <vector>

#include "collectors/ascend/chip_calls.hpp"
#include "collectors/ascend/dcmi_api.hpp"
#include "collectors/device_backend.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::ascend {

struct Chip {
  ChipAddress address;
  DeviceInfo info;
};

// Every NPU chip: the cards of the card list (their ids need not be 0..n-1), chips
// 0..dcmi_get_device_num_in_card()-1 of each. A card that cannot say how many chips it has is
// left out; a driver-wide failure fails the whole inventory.
Expected<std::vector<Chip>> list_chips(const DcmiApi& api);

}  // namespace suanli::collectors::ascend
