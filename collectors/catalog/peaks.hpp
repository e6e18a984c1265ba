#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "collectors/catalog/catalog.hpp"
#include "config/device_kinds.hpp"
#include "config/precision.hpp"

namespace suanli {

struct Peaks {
  PrecisionMap tflops;
  PeakSource source = PeakSource::unknown;
};

// A row's stated figures (catalog); if it states none, its derived figures (derived); the two
// are never mixed.
Peaks row_peaks(const CatalogRow& row);

// Operator overrides (config catalog_overrides): key = PCI id or exact device name, any case.
using PeakOverrides = std::map<std::string, PrecisionMap>;

struct PeakResolution {
  PrecisionMap peak_tflops;  // every value absent when source is unknown
  PeakSource source = PeakSource::unknown;
  std::optional<std::string> catalog_model;  // the matched row, whatever the source
  std::optional<MatchKind> matched_by;
  std::optional<PeakConfidence> confidence;  // absent when unknown (override, no figure)
  std::string basis;                         // how the figures were made, or why there are none
  // Precisions without a figure that the hardware may have; a precision absent from both
  // peak_tflops and unknown is one the architecture has no rate for.
  PrecisionSet unknown;
};

// One device's peaks, by the datasheet convention:
// 1. an override (config) wins;
// 2. the matched catalog row's figures (catalog, or derived for arithmetic rows); a matched row
//    without figures leaves the device unknown, named by its row;
// 3. a row of the same silicon scaled by units (same_silicon.hpp; derived);
// 4. units x FLOP/clock/unit x clock from the identity (derived);
// 5. else unknown.
PeakResolution resolve_peaks(const Catalog& catalog, const DeviceIdentity& id,
                             const PeakOverrides& overrides);

// A catalog row's confidence text as a level; nothing for "none" or any other text.
std::optional<PeakConfidence> parse_confidence(std::string_view text);

// The precisions a device class can have a figure for: every one for accelerators, fp64 and
// fp32 for CPUs (derive.hpp's CPU rates), none for a quantum device (counted in qubits).
PrecisionSet precisions_of(DeviceClass device_class);

}  // namespace suanli
