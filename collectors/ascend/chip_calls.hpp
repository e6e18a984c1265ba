#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "collectors/ascend/dcmi_status.hpp"

namespace suanli::collectors::ascend {

// DCMI reports HBM sizes in MiB.
inline constexpr std::uint64_t kMiB = 1024ull * 1024ull;

// One NPU chip: a card id from the card list and a chip index within that card.
struct ChipAddress {
  int card = 0;
  int device = 0;
};

// The device id the agent reports: "npu-<card>-<device>".
inline std::string chip_id(ChipAddress at) {
  return "npu-" + std::to_string(at.card) + "-" + std::to_string(at.device);
}

// Calls the DCMI functions of one chip and keeps the first failure that concerns the chip or
// the driver rather than one reading. After such a failure it calls nothing more: each further
// call on a failing chip could block as well.
class ChipCalls {
 public:
  explicit ChipCalls(ChipAddress chip) : chip_(chip), guard_(classify) {}

  // fn(card, device, args...) when fn is exported and nothing has failed; true on success.
  template <class... Params, class... Args>
  bool call(int (*fn)(int, int, Params...), Args&&... args) {
    if (!fn || failure()) return false;
    return guard_.check(fn(chip_.card, chip_.device, std::forward<Args>(args)...));
  }

  // The first failure about the chip or the driver; null while there is none.
  const CallFailure* failure() const { return guard_.failure(); }

 private:
  ChipAddress chip_;
  FailureGuard guard_;
};

}  // namespace suanli::collectors::ascend
