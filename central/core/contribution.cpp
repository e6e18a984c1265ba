#include "central/core/contribution.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace suanli::central {

std::string_view to_string(ComputeClass c) {
  switch (c) {
    case ComputeClass::intelligent:
      return "intelligent";
    case ComputeClass::general:
      return "general";
    case ComputeClass::supercomputing:
      return "supercomputing";
    case ComputeClass::quantum:
      return "quantum";
  }
  return "intelligent";
}

Precision convention_precision(ComputeClass c) {
  switch (c) {
    case ComputeClass::intelligent:
      return Precision::fp16;
    case ComputeClass::general:
      return Precision::fp32;
    case ComputeClass::supercomputing:
      return Precision::fp64;
    case ComputeClass::quantum:  // not a FLOPS class
      break;
  }
  return Precision::fp16;
}

namespace {

// `sign` 1 adds o to c, -1 subtracts it.
void accumulate(DeviceCounts& c, const DeviceCounts& o, std::int64_t sign) {
  c.devices += sign * o.devices;
  c.derived_peak += sign * o.derived_peak;
  c.unknown_peak += sign * o.unknown_peak;
  for (std::size_t i = 0; i < kVerdictCount; ++i)
    c.by_verdict[i] += sign * o.by_verdict[i];
  c.implausible_peak += sign * o.implausible_peak;
  c.held_elsewhere += sign * o.held_elsewhere;
  c.unknown_achieved += sign * o.unknown_achieved;
}

void accumulate(QuantumCounts& q, const QuantumCounts& o, std::int64_t sign) {
  q.devices += sign * o.devices;
  q.devices_live += sign * o.devices_live;
  q.installed_qubits += sign * o.installed_qubits;
  q.live_qubits += sign * o.live_qubits;
}

bool held_elsewhere(const NodeInputs& in, const InventoryDevice& d) {
  if (d.repeated) return true;
  return in.held_elsewhere != nullptr && !d.identity.empty() &&
         in.held_elsewhere->contains(d.identity);
}

// The installed_by_confidence level of precision p of a device.
std::size_t confidence_level(const InventoryDevice& d, Precision p) {
  if ((d.check.checked & bit(p)) != 0) return static_cast<std::size_t>(d.check.confidence);
  if (d.stated_confidence) return static_cast<std::size_t>(*d.stated_confidence);
  return kConfidenceLevels;  // unstated
}

void add_installed(Totals& t, const InventoryDevice& d) {
  t.installed += d.peak;
  for (Precision p : kAllPrecisions) {
    t.installed_by_confidence[confidence_level(d, p)][p] += d.peak[p];
    if ((d.unknown & bit(p)) != 0) ++t.unknown_devices[p];
  }
  PrecisionUnits& by_confidence =
      t.verified_by_confidence[static_cast<std::size_t>(d.check.confidence)];
  for (Precision p : kAllPrecisions) {
    if ((d.check.checked & bit(p)) == 0) continue;
    t.verified[p] += d.peak[p];
    by_confidence[p] += d.peak[p];
  }
}

}  // namespace

QuantumCounts& QuantumCounts::operator+=(const QuantumCounts& o) {
  accumulate(*this, o, 1);
  return *this;
}

QuantumCounts& QuantumCounts::operator-=(const QuantumCounts& o) {
  accumulate(*this, o, -1);
  return *this;
}

DeviceCounts& DeviceCounts::operator+=(const DeviceCounts& o) {
  accumulate(*this, o, 1);
  return *this;
}

DeviceCounts& DeviceCounts::operator-=(const DeviceCounts& o) {
  accumulate(*this, o, -1);
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
  quantum += o.quantum;
  return *this;
}

Contribution& Contribution::operator-=(const Contribution& o) {
  for (std::size_t i = 0; i < kClassCount; ++i)
    by_class[i] -= o.by_class[i];
  counts -= o.counts;
  quantum -= o.quantum;
  return *this;
}

ComputeClass class_of(DeviceClass device, ComputeClass center_class) {
  if (center_class != ComputeClass::intelligent && center_class != ComputeClass::quantum) {
    return center_class;
  }
  return device == DeviceClass::accelerator ? ComputeClass::intelligent : ComputeClass::general;
}

PrecisionUnits counted_achieved(const InventoryDevice& d, const PrecisionUnits& reported) {
  PrecisionUnits counted;
  for (Precision p : kAllPrecisions) {
    if (d.claimed[p] == d.peak[p]) {
      counted[p] = reported[p];
    } else if (d.claimed[p] > 0) {
      counted[p] =
          static_cast<Units>(static_cast<__int128>(reported[p]) * d.peak[p] / d.claimed[p]);
    }
  }
  return counted;
}

std::array<PrecisionUnits, kMeasuredMethodCount> split_by_method(const PrecisionUnits& achieved,
                                                                 const MethodShares& shares) {
  std::array<PrecisionUnits, kMeasuredMethodCount> parts{};
  double total = 0;
  for (double share : shares.v)
    total += share;
  if (!(total > 0)) return parts;
  for (Precision p : kAllPrecisions) {
    double running = 0;
    Units before = 0;
    for (std::size_t i = 0; i < kMeasuredMethodCount; ++i) {
      running += shares.v[i];
      // The last share brings `running` to `total` exactly: the parts end at achieved[p].
      const Units upto =
          std::llround(static_cast<double>(achieved[p]) * std::min(1.0, running / total));
      parts[i][p] = upto - before;
      before = upto;
    }
  }
  return parts;
}

namespace {

std::int64_t qubits_of(const InventoryDevice& d) {
  return static_cast<std::int64_t>(d.qubits.value_or(0));
}

void add_achieved(Totals& t, const PrecisionUnits& achieved, const MethodShares& shares) {
  t.achieved += achieved;
  const auto parts = split_by_method(achieved, shares);
  for (std::size_t i = 0; i < kMeasuredMethodCount; ++i)
    t.achieved_by_method[i] += parts[i];
}

// A live physical device's power reading, never counted as 0 W when it has none.
void add_power(PowerTotals& t, const InventoryDevice& d, const PowerReading& reading) {
  if (!reading.mw) {
    ++t.without_power;
    if (reading.implausible) ++t.implausible;
    return;
  }
  t.power_mw += *reading.mw;
  ++t.with_power;
  t.live += d.peak;
}

// Whether the achieved of device `d` goes with a power reading: its own, or a slice's parent's
// (the slice is part of the parent's board power).
bool has_power(const NodeInputs& in, const InventoryDevice& d,
               const WindowFigures::Healthy& healthy) {
  if (!d.slice) return healthy.power.mw.has_value();
  if (!d.parent) return false;
  const WindowFigures::Healthy* parent = in.window->find(in.inventory->devices[*d.parent].id);
  return parent != nullptr && parent->power.mw.has_value();
}

}  // namespace

Contribution contribution_of(const NodeInputs& in) {
  Contribution c;
  if (in.retired || in.inventory == nullptr) return c;
  for (const InventoryDevice& d : in.inventory->devices) {
    if (d.slice) continue;
    if (d.device_class == DeviceClass::quantum) {
      ++c.quantum.devices;
      c.quantum.installed_qubits += qubits_of(d);
      continue;
    }
    if (held_elsewhere(in, d)) {
      ++c.counts.held_elsewhere;
      continue;
    }
    add_installed(c.of(class_of(d.device_class, in.center_class)), d);
    ++c.counts.devices;
    ++c.counts.of(d.check.verdict);
    if (d.check.implausible != 0) ++c.counts.implausible_peak;
    if (d.peak_source == PeakSource::derived) ++c.counts.derived_peak;
    if (d.peak_source == PeakSource::unknown) ++c.counts.unknown_peak;
  }
  if (!in.online || in.window == nullptr) return c;
  const auto& devices = in.inventory->devices;
  std::vector<bool> unmeasured(devices.size());  // by physical device
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const InventoryDevice& d = devices[i];
    const WindowFigures::Healthy* healthy = in.window->find(d.id);
    if (healthy == nullptr || held_elsewhere(in, d)) continue;
    if (d.device_class == DeviceClass::quantum) {
      ++c.quantum.devices_live;
      c.quantum.live_qubits += qubits_of(d);
      continue;
    }
    Totals& t = c.of(class_of(d.device_class, in.center_class));
    if (!d.slice) {
      t.live += d.peak;
      add_power(t.power, d, healthy->power);
    }
    if (d.has_slices) continue;
    const PrecisionUnits achieved = counted_achieved(d, healthy->achieved);
    add_achieved(t, achieved, healthy->shares);
    if (has_power(in, d, *healthy)) t.power.achieved += achieved;
    if (healthy->shares.measured()) continue;
    if (!d.slice) {
      unmeasured[i] = true;
    } else if (d.parent) {
      unmeasured[*d.parent] = true;
    }
  }
  for (bool unknown : unmeasured)
    c.counts.unknown_achieved += unknown ? 1 : 0;
  return c;
}

}  // namespace suanli::central
