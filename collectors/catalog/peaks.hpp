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
};

// One device's peaks: an override (config) wins, then the catalog row, then derivation from
// the identity's arch, units and clock (derived), else unknown.
PeakResolution resolve_peaks(const Catalog& catalog, const DeviceIdentity& id,
                             const PeakOverrides& overrides);

}  // namespace suanli
