#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/fakes/common/scenario_values.hpp"

// The scenario a fake libcndev.so plays (README.md beside this file).
namespace suanli::fake_cndev {

using fake_support::Sequence;
using fake_support::value_at;

struct Pcie {
  unsigned vendor = 0, device = 0, subsystem = 0, subvendor = 0;
  unsigned domain = 0, bus = 0, dev = 0, func = 0;
};

struct MluSpec {
  std::string name;  // cndevGetCardNameStringByDevId; empty answers "Unknown"
  std::optional<std::string> uuid;
  std::optional<Pcie> pcie;
  std::optional<int> cores;
  std::optional<std::int64_t> memory_total_mb;
  std::optional<int> max_mhz;
  Sequence memory_used_mb, utilization, power_w, power_cap_w, chip_c, board_c, mhz;
  Sequence health, device_state, driver_state;
};

// A fault on the calls of one device (an index) or of every device; `hang` blocks the calls
// until cndevRelease instead of block_ms.
struct Fault : fake_support::CallWindow {
  std::optional<int> device;
  bool hang = false;
};

struct Scenario {
  int init_code = 0;
  std::vector<MluSpec> devices;
  std::vector<Fault> faults;
};

// Nothing when the text is not a valid scenario (README.md); never throws.
std::optional<Scenario> parse_scenario(const std::string& text) noexcept;

}  // namespace suanli::fake_cndev
