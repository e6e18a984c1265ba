#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/fakes/common/scenario_values.hpp"

namespace suanli::fake_dcmi {

using fake_support::Sequence;
using fake_support::value_at;

struct Pcie {
  unsigned vendor = 0, device = 0, subvendor = 0, subdevice = 0;
  int domain = 0;
  unsigned bus = 0, dev = 0, func = 0;
};

struct Hbm {
  std::uint64_t total_mb = 0;
  Sequence used_mb;
  unsigned freq_mhz = 0;
  int temp_c = 0;
};

// The five words of a die id (struct dcmi_die_id).
using DieId = std::array<unsigned, 5>;

struct ChipSpec {
  int unit_type = 0;
  std::string chip_type, name, version, npu_name;
  unsigned aicore = 0;
  bool chip_info_v2 = true;
  std::optional<Pcie> pcie;
  std::optional<Hbm> hbm;
  std::optional<unsigned> aicore_max_mhz;
  std::optional<DieId> vdie, ndie;
  std::optional<std::string> serial;  // of the electronic label
  Sequence aicore_mhz, aicore_util, power_tenths_w, temperature_c, health;
};

struct Card {
  int id = 0;
  std::vector<ChipSpec> chips;
};

// Calls of `function` (on `card` / `device` when given) numbered from_call .. from_call+calls-1
// (0-based, counted per function and chip) wait block_ms, then answer code unless it is 0.
struct Fault {
  std::string function;
  std::optional<int> card, device;
  std::int64_t from_call = 0;
  std::optional<std::int64_t> calls;
  int code = 0;
  int block_ms = 0;
};

struct Scenario {
  int init_code = 0;
  std::vector<Card> cards;
  std::vector<Fault> faults;
};

// Nothing when the text is not a valid scenario (README.md); never throws.
std::optional<Scenario> parse_scenario(const std::string& text) noexcept;

}  // namespace suanli::fake_dcmi
