#include "central/core/bounds.hpp"

namespace suanli::central {

std::optional<BoundViolation> bound_violation(const Inventory& inventory,
                                              const WindowFigures& window) {
  for (const InventoryDevice& d : inventory.devices) {
    const WindowFigures::Healthy* h = window.find(d.id);
    if (h == nullptr) continue;
    for (Precision p : kAllPrecisions) {
      if (h->achieved[p] <= d.claimed[p] + 1) continue;
      return BoundViolation{d.id, std::string(to_string(p)) + " achieved " +
                                      tflops_text(h->achieved[p]) + " TFLOPS above its peak " +
                                      tflops_text(d.claimed[p])};
    }
  }
  return std::nullopt;
}

}  // namespace suanli::central
