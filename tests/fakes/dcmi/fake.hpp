#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "collectors/ascend/dcmi_abi.hpp"
#include "tests/fakes/dcmi/scenario.hpp"

#define FAKE_DCMI_EXPORT extern "C" __attribute__((visibility("default")))

namespace suanli::fake_dcmi {

// One call as the scenario answers it: when code is not kOk the call returns it and nothing else
// is filled in; otherwise card (and chip, for per-chip calls) are set.
struct Call {
  int code = dcmi::kOk;
  std::int64_t index = 0;  // how many earlier calls of this function this chip had
  std::shared_ptr<const Scenario> scenario;  // keeps card and chip alive
  const Card* card = nullptr;
  const ChipSpec* chip = nullptr;
};

class Fake {
 public:
  static Fake& instance();

  // Loads the scenario named by SUANLI_FAKE_DCMI_SCENARIO; its init_code, or INNER_ERR when the
  // file is missing or invalid.
  int init();

  // Counts the call and applies the scenario's faults (blocking without holding the lock). A
  // call names a card, or a card and a chip, or neither.
  Call enter(const char* function, std::optional<int> card = {}, std::optional<int> device = {});

 private:
  std::mutex mutex_;
  std::shared_ptr<const Scenario> scenario_;
  std::map<std::tuple<std::string, std::optional<int>, std::optional<int>>, std::int64_t> calls_;
};

// For per-chip exports: null output → INVALID_PARAMETER; else the fault's code or
// fill(chip, call index, *out).
template <class Out, class Fill>
int answer(const char* function, int card, int device, Out* out, Fill fill) {
  if (!out) return dcmi::kInvalidParameter;
  const Call call = Fake::instance().enter(function, card, device);
  if (call.code != dcmi::kOk) return call.code;
  return fill(*call.chip, call.index, *out);
}

// Copies `from` into a fixed char field, cut to leave a terminating NUL.
template <std::size_t N>
void copy_text(unsigned char (&to)[N], const std::string& from) {
  const std::size_t n = std::min(from.size(), N - 1);
  std::copy_n(from.begin(), n, to);
  std::fill(to + n, to + N, 0);
}

// The fields dcmi_chip_info and dcmi_chip_info_v2 share.
template <class Info>
int fill_chip_info(const ChipSpec& chip, Info& out) {
  copy_text(out.chip_type, chip.chip_type);
  copy_text(out.chip_name, chip.name);
  copy_text(out.chip_ver, chip.version);
  out.aicore_cnt = chip.aicore;
  return dcmi::kOk;
}

// dcmi_get_card_list and its V1 name.
int card_list(const char* function, int* card_num, int* card_list, int list_len);

}  // namespace suanli::fake_dcmi
