#include "central/core/contribution.hpp"

#include <set>
#include <string>
#include <unordered_map>

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
  if (in.retired || in.birth == nullptr) return c;
  std::set<std::string> has_slices;
  for (const wire::Device& d : in.birth->devices) {
    if (d.parent) has_slices.insert(*d.parent);
  }
  for (const wire::Device& d : in.birth->devices) {
    if (d.parent) continue;
    c.of(class_of(d.device_class, in.center_class)).installed.add(d.peak_tflops);
    ++c.counts.devices;
    if (d.peak_source == PeakSource::derived) ++c.counts.derived_peak;
    if (d.peak_source == PeakSource::unknown) ++c.counts.unknown_peak;
  }
  if (!in.online || in.window == nullptr) return c;

  std::unordered_map<std::string_view, const wire::DeviceWindow*> healthy;
  for (const wire::DeviceWindow& w : in.window->devices) {
    if (w.healthy) healthy.emplace(w.id, &w);
  }
  for (const wire::Device& d : in.birth->devices) {
    auto it = healthy.find(d.id);
    if (it == healthy.end()) continue;
    Totals& t = c.of(class_of(d.device_class, in.center_class));
    if (!d.parent) t.live.add(d.peak_tflops);
    if (!has_slices.contains(d.id)) t.achieved.add(it->second->achieved_tflops);
  }
  return c;
}

}  // namespace suanli::central
