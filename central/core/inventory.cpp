#include "central/core/inventory.hpp"

#include <algorithm>
#include <set>

namespace suanli::central {

Inventory Inventory::of(const wire::Birth& birth) {
  std::set<std::string_view> parents;
  for (const wire::Device& d : birth.devices) {
    if (d.parent) parents.insert(*d.parent);
  }
  Inventory inv;
  inv.boot = birth.header.boot;
  inv.seq = birth.header.seq;
  inv.district = birth.district;
  inv.devices.reserve(birth.devices.size());
  for (const wire::Device& d : birth.devices) {
    PrecisionUnits peak;
    peak.add(d.peak_tflops);
    inv.devices.push_back({.id = d.id,
                           .device_class = d.device_class,
                           .peak_source = d.peak_source,
                           .slice = d.parent.has_value(),
                           .has_slices = parents.contains(d.id),
                           .peak = peak});
  }
  return inv;
}

WindowFigures WindowFigures::of(const wire::Data& window) {
  WindowFigures f;
  for (const wire::DeviceWindow& w : window.devices) {
    if (!w.healthy) continue;
    PrecisionUnits achieved;
    achieved.add(w.achieved_tflops);
    f.healthy.push_back({.id = w.id, .achieved = achieved});
  }
  std::stable_sort(f.healthy.begin(), f.healthy.end(),
                   [](const Healthy& a, const Healthy& b) { return a.id < b.id; });
  auto repeats = std::unique(f.healthy.begin(), f.healthy.end(),
                             [](const Healthy& a, const Healthy& b) { return a.id == b.id; });
  f.healthy.erase(repeats, f.healthy.end());
  f.healthy.shrink_to_fit();
  return f;
}

const WindowFigures::Healthy* WindowFigures::find(std::string_view id) const {
  auto it = std::lower_bound(healthy.begin(), healthy.end(), id,
                             [](const Healthy& h, std::string_view key) { return h.id < key; });
  return it != healthy.end() && it->id == id ? &*it : nullptr;
}

}  // namespace suanli::central
