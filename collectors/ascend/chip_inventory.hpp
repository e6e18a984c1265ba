#pragma once

#include <map>
#include <string>
#include <utility>
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

// The chips described so far, by (card, chip index).
using KnownChips = std::map<std::pair<int, int>, DeviceInfo>;

// Every NPU chip: the cards of the card list (their ids need not be 0..n-1), chips
// 0..dcmi_get_device_num_in_card()-1 of each. A driver-wide failure fails the whole inventory.
// A chip that fails (or cannot name itself) while it is described keeps its description from
// `known`, and so does every known chip of a card that cannot say how many chips it has, so that
// installed capacity does not vanish with a failing chip; a card not known before is left out.
// A chip whose identity calls do not answer this time keeps the uuid it had (chip_identity.hpp;
// its PCI serial is read under `sysfs_root`). `known` becomes what this listing described.
Expected<std::vector<Chip>> list_chips(const DcmiApi& api, const std::string& sysfs_root,
                                       KnownChips& known);

}  // namespace suanli::collectors::ascend
