#include "agent/peak_catalog.hpp"

#include <fmt/format.h>

namespace suanli::agent {

Expected<Catalog> load_catalog(const config::AgentConfig& cfg) {
  if (!cfg.catalog_path) return Catalog::builtin();
  auto catalog = Catalog::from_file(*cfg.catalog_path);
  if (!catalog) return Expected<Catalog>::failure("catalog.path: " + catalog.error());
  return catalog;
}

wire::Device describe_device(const Catalog& catalog, const collectors::DeviceInfo& info,
                             std::string_view backend, const PeakOverrides& overrides,
                             PeakLookup lookup) {
  wire::Device d;
  static_cast<DeviceDescription&>(d) = info;
  d.backend = backend;
  d.pci_id = info.identity.pci_id;
  if (info.device_class == DeviceClass::quantum) {
    // Counted in qubits: no FLOPS to look up, override or derive.
    d.peak_source = PeakSource::config;
    d.peak_basis = fmt::format("declared in the agent's config: {} physical qubits, no FLOPS",
                               info.qubits.value_or(0));
    d.peak_unknown = PrecisionSet{};
    return d;
  }
  if (lookup == PeakLookup::unknown) {
    d.peak_basis = "not measured: no backend reads this device";
    d.peak_unknown = precisions_of(info.device_class);
    return d;
  }
  const PeakResolution peaks = resolve_peaks(catalog, info.identity, overrides);
  d.peak_tflops = peaks.peak_tflops;
  d.peak_source = peaks.source;
  d.catalog_model = peaks.catalog_model;
  d.peak_confidence = peaks.confidence;
  if (!peaks.basis.empty()) d.peak_basis = peaks.basis;
  d.peak_unknown = peaks.unknown;
  *d.peak_unknown &= precisions_of(info.device_class);
  return d;
}

void take_share_of(wire::Device& slice, const wire::Device& parent) {
  slice.peak_tflops = PrecisionMap{}.add(parent.peak_tflops, *slice.share);
  slice.peak_source = parent.peak_source;
  slice.catalog_model = parent.catalog_model;
  slice.peak_confidence = parent.peak_confidence;
  slice.peak_unknown = parent.peak_unknown;
  slice.peak_basis = fmt::format("share {:.4g} of {}{}", *slice.share, parent.id,
                                 parent.peak_basis ? ": " + *parent.peak_basis : "");
}

}  // namespace suanli::agent
