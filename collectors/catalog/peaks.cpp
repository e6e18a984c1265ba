#include "collectors/catalog/peaks.hpp"

#include "collectors/catalog/derive.hpp"
#include "collectors/catalog/text.hpp"

namespace suanli {
namespace {

const PrecisionMap* find_override(const PeakOverrides& overrides, const DeviceIdentity& id) {
  for (const auto& key : {id.pci_id, id.name}) {
    if (!key) continue;
    for (const auto& [name, peaks] : overrides) {
      if (catalog_text::iequals(name, *key)) return &peaks;
    }
  }
  return nullptr;
}

std::optional<PrecisionMap> derive(const DeviceIdentity& id) {
  if (!id.arch || !id.units || !id.clock_mhz) return std::nullopt;
  PrecisionMap peaks = derive_peak_tflops(*id.arch, *id.units, *id.clock_mhz);
  if (peaks.empty()) return std::nullopt;
  return peaks;
}

}  // namespace

Peaks row_peaks(const CatalogRow& row) {
  if (!row.tflops.empty()) return {row.tflops, PeakSource::catalog};
  if (!row.derived_tflops.empty()) return {row.derived_tflops, PeakSource::derived};
  return {};
}

PeakResolution resolve_peaks(const Catalog& catalog, const DeviceIdentity& id,
                             const PeakOverrides& overrides) {
  PeakResolution out;
  const auto match = catalog.find(id);
  if (match) {
    out.catalog_model = match->row->model;
    out.matched_by = match->by;
  }
  if (const PrecisionMap* peaks = find_override(overrides, id)) {
    out.peak_tflops = *peaks;
    out.source = PeakSource::config;
  } else if (Peaks row = match ? row_peaks(*match->row) : Peaks{};
             row.source != PeakSource::unknown) {
    out.peak_tflops = row.tflops;
    out.source = row.source;
  } else if (auto derived = derive(id)) {
    out.peak_tflops = *derived;
    out.source = PeakSource::derived;
  }
  return out;
}

}  // namespace suanli
