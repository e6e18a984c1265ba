#include "central/core/contribution.hpp"

#include <string>

namespace suanli::central {

std::string_view to_string(ComputeClass c) {
  switch (c) {
    case ComputeClass::intelligent:
      return "intelligent";
    case ComputeClass::general:
      return "general";
    case ComputeClass::supercomputing:
      return "supercomputing";
  }
  return "intelligent";
}

DeviceCounts& DeviceCounts::operator+=(const DeviceCounts& o) {
  devices += o.devices;
  derived_peak += o.derived_peak;
  unknown_peak += o.unknown_peak;
  return *this;
}

DeviceCounts& DeviceCounts::operator-=(const DeviceCounts& o) {
  devices -= o.devices;
  derived_peak -= o.derived_peak;
  unknown_peak -= o.unknown_peak;
  return *this;
}

Totals Contribution::total() const {
  Totals t;
  for (const Totals& c : by_class)
    t += c;
  return t;
}

Contribution& Contribution::operator+=(const Contribution& o) {
  for (std::size_t i = 0; i < kClassCount; ++i)
    by_class[i] += o.by_class[i];
  counts += o.counts;
  return *this;
}

Contribution& Contribution::operator-=(const Contribution& o) {
  for (std::size_t i = 0; i < kClassCount; ++i)
    by_class[i] -= o.by_class[i];
  counts -= o.counts;
  return *this;
}

ComputeClass class_of(DeviceClass device, ComputeClass center_class) {
  if (center_class != ComputeClass::intelligent) return center_class;
  return device == DeviceClass::accelerator ? ComputeClass::intelligent : ComputeClass::general;
}

Contribution contribution_of(const NodeInputs& in) {
  Contribution c;
  if (in.retired || in.inventory == nullptr) return c;
  for (const InventoryDevice& d : in.inventory->devices) {
    if (d.slice) continue;
    c.of(class_of(d.device_class, in.center_class)).installed += d.peak;
    ++c.counts.devices;
    if (d.peak_source == PeakSource::derived) ++c.counts.derived_peak;
    if (d.peak_source == PeakSource::unknown) ++c.counts.unknown_peak;
  }
  if (!in.online || in.window == nullptr) return c;
  for (const InventoryDevice& d : in.inventory->devices) {
    const WindowFigures::Healthy* healthy = in.window->find(d.id);
    if (healthy == nullptr) continue;
    Totals& t = c.of(class_of(d.device_class, in.center_class));
    if (!d.slice) t.live += d.peak;
    if (!d.has_slices) t.achieved += healthy->achieved;
  }
  return c;
}

}  // namespace suanli::central
