#pragma once

// What one node adds to the indicator, per class and precision, and how it is computed.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "central/core/inventory.hpp"
#include "central/core/peak_check.hpp"
#include "central/core/units.hpp"
#include "config/central_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

using config::ComputeClass;

// The classes counted in FLOPS; ComputeClass::quantum is counted apart (QuantumCounts).
inline constexpr std::size_t kClassCount = 3;
inline constexpr std::array<ComputeClass, kClassCount> kAllClasses = {
    ComputeClass::intelligent, ComputeClass::general, ComputeClass::supercomputing};

std::string_view to_string(ComputeClass c);

// The precision each class is quoted at (docs/indicator.md): 智算 FP16, 通算 FP32, 超算 FP64.
Precision convention_precision(ComputeClass c);

struct DeviceCounts {
  std::int64_t devices = 0;  // physical devices counted; slices are not counted
  std::int64_t derived_peak = 0;
  std::int64_t unknown_peak = 0;
  std::array<std::int64_t, kVerdictCount> by_verdict{};  // verified, corrected, unverified
  std::int64_t implausible_peak = 0;  // devices with a precision not counted as implausible
  std::int64_t held_elsewhere = 0;    // reported here, counted at the node that holds them
  // Live devices whose achieved is unknown, wholly or in part: nothing measured the device, or
  // one of its healthy slices (an A100 under MIG without GPM). They add nothing to achieved.
  std::int64_t unknown_achieved = 0;

  std::int64_t& of(Verdict v) { return by_verdict[static_cast<std::size_t>(v)]; }
  std::int64_t of(Verdict v) const { return by_verdict[static_cast<std::size_t>(v)]; }

  DeviceCounts& operator+=(const DeviceCounts& o);
  DeviceCounts& operator-=(const DeviceCounts& o);
  bool operator==(const DeviceCounts&) const = default;
};

// Quantum devices (class quantum): counted in qubits, in no FLOPS figure and no DeviceCounts.
struct QuantumCounts {
  std::int64_t devices = 0;       // of non-retired nodes
  std::int64_t devices_live = 0;  // healthy in the newest window of an online node
  std::int64_t installed_qubits = 0;
  std::int64_t live_qubits = 0;

  QuantumCounts& operator+=(const QuantumCounts& o);
  QuantumCounts& operator-=(const QuantumCounts& o);
  bool operator==(const QuantumCounts&) const = default;
};

struct Contribution {
  std::array<Totals, kClassCount> by_class;  // the FLOPS classes (kAllClasses)
  DeviceCounts counts;
  QuantumCounts quantum;

  Totals& of(ComputeClass c) { return by_class[static_cast<std::size_t>(c)]; }
  const Totals& of(ComputeClass c) const { return by_class[static_cast<std::size_t>(c)]; }
  // All classes together, per precision.
  Totals total() const;
  Contribution& operator+=(const Contribution& o);
  Contribution& operator-=(const Contribution& o);
  bool operator==(const Contribution&) const = default;
};

// The FLOPS class a device counts toward. Without an override (a center configured as
// intelligent, the default, or quantum) accelerators are intelligent and CPUs general
// (docs/design.md, "Capacity rules"). A center configured with another class (supercomputing,
// general) puts every device of its nodes in that class. Never quantum: quantum devices are not
// counted by class.
ComputeClass class_of(DeviceClass device, ComputeClass center_class);

// A device's achieved as central counts it: the agent's achieved is activity x the peak it
// claimed, so central re-bases it on the peak it counts (a corrected or implausible peak).
PrecisionUnits counted_achieved(const InventoryDevice& d, const PrecisionUnits& reported);

// Everything a node contributes, given its inventory, its newest window and whether it is online:
// - installed: the counted peak (peak_check.hpp) of every physical device (a MIG or partition
//   slice is part of its parent's peak and is skipped), while the node is not retired;
// - live: the peak of the physical devices the window reports healthy, only while online;
// - achieved: counted_achieved of the healthy devices that the birth knows, only while online; a
//   physical device that has slices leaves it to its slices (protocol section 7). It is split by
//   method by each window's method shares (split_by_method); a device nothing measured adds
//   nothing and counts in unknown_achieved.
// - power: the power reading of each live physical device (PowerTotals); a slice's reading is
//   part of its parent's and is not added, a slice's achieved counts with power when its parent
//   reports power.
// A quantum device adds its qubits to `quantum` (installed; live when healthy) and nothing else.
// A device whose identity another node holds (`held_elsewhere`: identities), or that repeats an
// identity of the same birth, adds nothing here, nor do its slices. A node without a birth
// contributes nothing: its window's device ids map to no peak.
struct NodeInputs {
  const Inventory* inventory = nullptr;
  const WindowFigures* window = nullptr;
  bool retired = false;
  bool online = false;
  ComputeClass center_class = ComputeClass::intelligent;
  const std::set<std::string, std::less<>>* held_elsewhere = nullptr;
};
Contribution contribution_of(const NodeInputs& in);

// `achieved` split by `shares`, each part cut where the running sum rounds, so that the parts add
// up to `achieved` exactly; all 0 when the shares are (nothing measured).
std::array<PrecisionUnits, kMeasuredMethodCount> split_by_method(const PrecisionUnits& achieved,
                                                                 const MethodShares& shares);

}  // namespace suanli::central
