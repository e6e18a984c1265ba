#pragma once

// The bounds a reading must keep (docs/indicator.md, "Bounds"). Activity is checked to be within
// [0, 1] when a window is decoded; here, against the node's birth: a healthy device's achieved
// must not be above the peak its birth claims (one MFLOPS, the wire's rounding, is allowed), so
// that the achieved central counts never exceeds the peak it counts.

#include <optional>
#include <string>

#include "central/core/inventory.hpp"

namespace suanli::central {

struct BoundViolation {
  std::string device;
  std::string detail;  // "fp16 achieved 1200 TFLOPS above its peak 989.4"
};

// The first reading out of bounds, in the birth's device order (each device looked up in the
// sorted window, so a large node costs n log n, not n squared); nullopt when every reading is
// within bounds. Devices the birth does not know are not counted and not checked.
std::optional<BoundViolation> bound_violation(const Inventory& inventory,
                                              const WindowFigures& window);

}  // namespace suanli::central
