#pragma once

// The rules for a node's district, a device's class and its power (docs/design.md, "Capacity
// rules"; docs/indicator.md, "Classes" and "Energy"), written here independently of central/core,
// for the tests that recompute the indicator from the registry's nodes.

#include <string>
#include <vector>

#include "central/core/inventory.hpp"
#include "central/core/node.hpp"
#include "central/core/settings.hpp"

namespace suanli::central::test {

// The configured center's district wins over the one the node's birth names.
inline std::string expected_district(const CoreSettings& s, const NodeRecord& r) {
  const auto center = s.centers.find(r.center);
  if (center != s.centers.end() && center->second.district) return *center->second.district;
  return r.inventory && r.inventory->district ? *r.inventory->district : "";
}

// A center configured as another class puts every device in it; else accelerators are
// intelligent and CPUs general.
inline ComputeClass expected_class(const CoreSettings& s, const NodeRecord& r,
                                   const InventoryDevice& d) {
  const auto center = s.centers.find(r.center);
  if (center != s.centers.end() && center->second.compute_class != ComputeClass::intelligent) {
    return center->second.compute_class;
  }
  return d.device_class == DeviceClass::cpu ? ComputeClass::general : ComputeClass::intelligent;
}

// The power reading of a slice's parent in the window, if the parent is in it (healthy).
inline const PowerReading* parent_power(const std::vector<InventoryDevice>& devices,
                                        const WindowFigures& window, const InventoryDevice& d) {
  if (!d.slice || !d.parent) return nullptr;
  for (const WindowFigures::Healthy& h : window.healthy) {
    if (h.id == devices[*d.parent].id) return &h.power;
  }
  return nullptr;
}

// docs/indicator.md, "Energy": a live physical device adds its reading, or counts without power
// (never as 0 W; an implausible reading counts there too, and as implausible); a slice adds no
// power, and its achieved goes with power when its parent reports power.
inline void expected_power(PowerTotals& t, const InventoryDevice& d, const PowerReading& own,
                           const PowerReading* parent, const PrecisionUnits& achieved) {
  if (!d.slice && own.mw) {
    t.power_mw += *own.mw;
    t.with_power += 1;
    t.live += d.peak;
  } else if (!d.slice) {
    t.without_power += 1;
    t.implausible += own.implausible ? 1 : 0;
  }
  const PowerReading* reading = d.slice ? parent : &own;
  if (!d.has_slices && reading != nullptr && reading->mw) t.achieved += achieved;
}

}  // namespace suanli::central::test
