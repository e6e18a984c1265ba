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

// Calls of `function` (on `device`, an index, when given) numbered from_call ..
// from_call+calls-1 (0-based, counted per function and device) wait block_ms, or until
// cndevRelease when `hang`, then answer code unless it is 0.
struct Fault {
  std::string function;
  std::optional<int> device;
  std::int64_t from_call = 0;
  std::optional<std::int64_t> calls;
  int code = 0;
  int block_ms = 0;
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
