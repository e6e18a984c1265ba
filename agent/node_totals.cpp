#include "agent/node_totals.hpp"

#include <map>
#include <string>

namespace suanli::agent {

wire::BirthTotals birth_totals(const std::vector<wire::Device>& devices) {
  wire::BirthTotals totals;
  for (const auto& d : devices) {
    if (d.parent) continue;
    ++totals.devices;
    totals.peak_tflops.add(d.peak_tflops);
  }
  return totals;
}

wire::DataTotals data_totals(const std::vector<wire::Device>& devices,
                             const std::vector<wire::DeviceWindow>& windows) {
  std::map<std::string, const wire::DeviceWindow*> by_id;
  for (const auto& w : windows)
    by_id[w.id] = &w;
  wire::DataTotals totals;
  for (const auto& d : devices) {
    auto it = by_id.find(d.id);
    const wire::DeviceWindow* w = it == by_id.end() ? nullptr : it->second;
    if (w) totals.achieved_tflops.add(w->achieved_tflops);
    if (d.parent) continue;
    ++totals.devices;
    totals.peak_tflops.add(d.peak_tflops);
    if (w && w->healthy) {
      ++totals.healthy_devices;
      totals.live_tflops.add(d.peak_tflops);
    }
  }
  return totals;
}

}  // namespace suanli::agent
