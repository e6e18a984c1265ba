#pragma once

// What one node adds to the indicator, per class and precision, and how it is computed.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "central/core/inventory.hpp"
#include "central/core/units.hpp"
#include "config/central_config.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

using config::ComputeClass;

inline constexpr std::size_t kClassCount = 3;
inline constexpr std::array<ComputeClass, kClassCount> kAllClasses = {
    ComputeClass::intelligent, ComputeClass::general, ComputeClass::supercomputing};

std::string_view to_string(ComputeClass c);

struct DeviceCounts {
  std::int64_t devices = 0;  // physical devices; slices are not counted
  std::int64_t derived_peak = 0;
  std::int64_t unknown_peak = 0;

  DeviceCounts& operator+=(const DeviceCounts& o);
  DeviceCounts& operator-=(const DeviceCounts& o);
  bool operator==(const DeviceCounts&) const = default;
};

struct Contribution {
  std::array<Totals, kClassCount> by_class;
  DeviceCounts counts;

  Totals& of(ComputeClass c) { return by_class[static_cast<std::size_t>(c)]; }
  const Totals& of(ComputeClass c) const { return by_class[static_cast<std::size_t>(c)]; }
  // All classes together, per precision.
  Totals total() const;
  Contribution& operator+=(const Contribution& o);
  Contribution& operator-=(const Contribution& o);
  bool operator==(const Contribution&) const = default;
};

// The class a device counts toward. Without an override (a center configured as intelligent,
// the default) accelerators are intelligent and CPUs general (design.md). A center configured
// with another class (supercomputing, general) puts every device of its nodes in that class.
ComputeClass class_of(DeviceClass device, ComputeClass center_class);

// Everything a node contributes, given its inventory, its newest window and whether it is online:
// - installed: the peak of every physical device (a MIG or partition slice is part of its
//   parent's peak and is skipped), while the node is not retired;
// - live: the peak of the physical devices the window reports healthy, only while online;
// - achieved: the window's achieved_tflops of healthy devices that the birth knows, only while
//   online; a physical device that has slices leaves it to its slices (protocol section 7).
// A node without a birth contributes nothing: its window's device ids map to no peak.
struct NodeInputs {
  const Inventory* inventory = nullptr;
  const WindowFigures* window = nullptr;
  bool retired = false;
  bool online = false;
  ComputeClass center_class = ComputeClass::intelligent;
};
Contribution contribution_of(const NodeInputs& in);

}  // namespace suanli::central
