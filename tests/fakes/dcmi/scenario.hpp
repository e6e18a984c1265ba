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

// A fault on the calls of one chip (card and device given), one card, or every chip.
struct Fault : fake_support::CallWindow {
  std::optional<int> card, device;
};

struct Scenario {
  int init_code = 0;
  std::vector<Card> cards;
  std::vector<Fault> faults;
};

// Nothing when the text is not a valid scenario (README.md); never throws.
std::optional<Scenario> parse_scenario(const std::string& text) noexcept;

}  // namespace suanli::fake_dcmi
