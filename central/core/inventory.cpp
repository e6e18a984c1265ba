#include "central/core/inventory.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "collectors/catalog/peaks.hpp"

namespace suanli::central {
namespace {

PrecisionMask unknown_precisions(const wire::Device& d, const PeakCheck& check) {
  const PrecisionSet of_class = precisions_of(d.device_class);
  PrecisionSet unknown;
  if (d.peak_unknown) {
    unknown = *d.peak_unknown;
  } else {
    for (Precision p : kAllPrecisions) {
      if (!d.peak_tflops[p]) unknown.insert(p);
    }
  }
  if (d.peak_source == PeakSource::unknown) unknown |= of_class;
  PrecisionMask mask = 0;
  for (Precision p : kAllPrecisions) {
    const bool has_figure = check.counted[p] != 0 || (check.implausible & bit(p)) != 0;
    if (of_class.contains(p) && unknown.contains(p) && !has_figure) mask |= bit(p);
  }
  return mask;
}

PrecisionUnits scaled(const PrecisionUnits& u, double share) {
  PrecisionUnits s;
  for (Precision p : kAllPrecisions)
    s[p] = std::llround(static_cast<double>(u[p]) * share);
  return s;
}

// Whether PeakChecker::check judges the two devices alike: it reads only these fields and the
// claim.
bool judged_alike(const wire::Device& a, const wire::Device& b) {
  return a.peak_source == b.peak_source && a.pci_id == b.pci_id && a.model == b.model &&
         a.units == b.units;
}

}  // namespace

// Physical devices are judged first, so that each slice can take its parent's counted peak.
Inventory Inventory::of(const wire::Birth& birth, const PeakChecker& checker) {
  std::set<std::string_view> parents;
  for (const wire::Device& d : birth.devices) {
    if (d.parent) parents.insert(*d.parent);
  }
  Inventory inv;
  inv.boot = birth.header.boot;
  inv.seq = birth.header.seq;
  inv.district = birth.district;
  inv.devices.reserve(birth.devices.size());
  std::set<std::string_view> identities;
  // A birth's devices are mostly of one model: the catalog is searched once for them, and their
  // figures are shared (SharedUnits) without looking them up again.
  std::optional<std::size_t> judged;  // the last device judged, in birth.devices and inv.devices
  PeakCheck judgement;
  for (const wire::Device& d : birth.devices) {
    InventoryDevice dev;
    dev.id = d.id;
    dev.device_class = d.device_class;
    dev.qubits = d.qubits;
    dev.peak_source = d.peak_source;
    dev.slice = d.parent.has_value();
    dev.has_slices = parents.contains(d.id);
    PrecisionUnits claimed;
    claimed.add(d.peak_tflops);
    const InventoryDevice* alike =
        judged && judged_alike(birth.devices[*judged], d) && inv.devices[*judged].claimed == claimed
            ? &inv.devices[*judged]
            : nullptr;
    dev.claimed = alike != nullptr ? alike->claimed : SharedUnits(claimed);
    if (!dev.slice && d.device_class != DeviceClass::quantum) {  // no FLOPS to check
      if (d.device_class == DeviceClass::accelerator && d.uuid) {
        dev.identity = *d.uuid;
        dev.repeated = !identities.insert(*d.uuid).second;
      }
      if (alike == nullptr) {
        judgement = checker.check(d, claimed);
        judged = inv.devices.size();
      }
      dev.peak = alike != nullptr ? alike->peak : SharedUnits(judgement.counted);
      dev.check = judgement;
      dev.unknown = unknown_precisions(d, judgement);
      dev.stated_confidence = d.peak_confidence;
    }
    inv.devices.push_back(std::move(dev));
  }
  std::map<std::string_view, std::uint32_t> physical;
  for (std::uint32_t i = 0; i < inv.devices.size(); ++i) {
    if (!inv.devices[i].slice) physical.emplace(inv.devices[i].id, i);
  }
  for (std::size_t i = 0; i < inv.devices.size(); ++i) {
    InventoryDevice& dev = inv.devices[i];
    if (!dev.slice) continue;
    auto found = physical.find(*birth.devices[i].parent);
    if (found == physical.end()) continue;
    dev.parent = found->second;
    const InventoryDevice& parent = inv.devices[found->second];
    dev.identity = parent.identity;
    dev.repeated = parent.repeated;
    dev.check = parent.check;
    dev.peak = scaled(parent.peak, birth.devices[i].share.value_or(1.0));
  }
  return inv;
}

WindowFigures WindowFigures::of(const wire::Data& window) {
  WindowFigures f;
  for (const wire::DeviceWindow& w : window.devices) {
    if (!w.healthy) continue;
    PrecisionUnits achieved;
    achieved.add(w.achieved_tflops);
    f.healthy.push_back({.id = w.id,
                         .achieved = achieved,
                         .shares = wire::shares_of(w),
                         .power = PowerReading::of(w.power_w)});
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
