#pragma once

// The rules for a node's district and a device's class (docs/design.md, "Capacity rules";
// docs/indicator.md, "Classes"), written here independently of central/core, for the tests that
// recompute the indicator from the registry's nodes.

#include <string>

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

}  // namespace suanli::central::test
