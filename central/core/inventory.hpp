#pragma once

// What central keeps of a node's birth and of its newest live window: only what the indicator
// needs, with every figure already in exact units. A decoded birth or window holds names, PCI ids,
// telemetry and eight optional doubles per figure (about 0.5 KiB a device); these hold a tenth of
// that, which is what lets one central hold a city of 100,000 nodes.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/core/peak_check.hpp"
#include "central/core/shared_units.hpp"
#include "central/core/units.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

struct InventoryDevice {
  std::string id;
  // The device's identity in the whole city: the uuid of a physical accelerator (a slice: its
  // parent's); empty for CPUs and devices without one, which are node-scoped.
  std::string identity;
  bool repeated = false;  // a second device of the birth with the same identity: not counted
  DeviceClass device_class = DeviceClass::accelerator;
  PeakSource peak_source = PeakSource::unknown;
  bool slice = false;                   // a MIG or partition slice: part of its parent's peak
  bool has_slices = false;              // a physical device that leaves its achieved to its slices
  std::optional<std::uint64_t> qubits;  // a quantum device's: counted in qubits, not FLOPS
  SharedUnits claimed;                  // the birth's peak_tflops
  SharedUnits peak;     // what central counts (peak_check.hpp); a slice: its parent's x share
  PeakJudgement check;  // a slice: its parent's
  std::optional<Confidence> stated_confidence;  // the birth's peak_confidence
  // Precisions of its class whose figure is unknown, so not added to installed (never as 0): the
  // birth's peak_unknown (an older agent's: every precision it left out), every precision of the
  // class when its peak_source is unknown, less those central's catalog gives a figure.
  PrecisionMask unknown = 0;
  // A slice: its parent's index in Inventory::devices (absent when the birth lacks the parent).
  std::optional<std::uint32_t> parent;
  bool operator==(const InventoryDevice&) const = default;
};

// A birth, reduced.
struct Inventory {
  std::uint64_t boot = 0;  // the birth's header
  std::uint64_t seq = 0;
  std::optional<std::string> district;
  std::vector<InventoryDevice> devices;  // in the birth's order

  static Inventory of(const wire::Birth& birth,
                      const PeakChecker& checker = PeakChecker::builtin());
  bool operator==(const Inventory&) const = default;
};

// A data window, reduced: the achieved figures of its healthy devices, what measured them, and
// their power.
struct WindowFigures {
  struct Healthy {
    std::string id;
    PrecisionUnits achieved;
    MethodShares shares;  // wire::shares_of: all 0 when nothing measured the device (unknown)
    PowerReading power;
    bool operator==(const Healthy&) const = default;
  };
  std::vector<Healthy> healthy;  // by id; the first entry of an id repeated in the window wins

  static WindowFigures of(const wire::Data& window);
  // The healthy entry of device `id`, if any.
  const Healthy* find(std::string_view id) const;
  bool operator==(const WindowFigures&) const = default;
};

}  // namespace suanli::central
