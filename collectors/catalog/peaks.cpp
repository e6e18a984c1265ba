#include "collectors/catalog/peaks.hpp"

#include <algorithm>
#include <cstdio>

#include "collectors/catalog/derive.hpp"
#include "collectors/catalog/same_silicon.hpp"
#include "collectors/catalog/text.hpp"

namespace suanli {
namespace {

const std::pair<const std::string, PrecisionMap>* find_override(const PeakOverrides& overrides,
                                                                const DeviceIdentity& id) {
  for (const auto& key : {id.pci_id, id.name}) {
    if (!key) continue;
    for (const auto& entry : overrides) {
      if (catalog_text::iequals(entry.first, *key)) return &entry;
    }
  }
  return nullptr;
}

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

std::optional<PeakConfidence> one_level_lower(std::optional<PeakConfidence> c) {
  if (!c) return c;
  return *c == PeakConfidence::high ? PeakConfidence::medium : PeakConfidence::low;
}

// Whether an `uncertain` entry of a row names precision p, or every figure.
bool names_precision(const std::string& entry, Precision p) {
  const std::string text = catalog_text::lower(entry);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" ,;()/", start);
    if (end == std::string::npos) end = text.size();
    const std::string_view word(text.data() + start, end - start);
    if (word == to_string(p) || word == "all" || word == "everything") return true;
    start = end + 1;
  }
  return false;
}

// The precisions without a figure that may exist: all of them, except those the architecture
// has no rate for, unless the row's uncertain list names the precision.
PrecisionSet unknown_of(const PrecisionMap& figures, std::optional<Arch> arch,
                        const std::vector<std::string>& uncertain = {}) {
  const PrecisionMap rates = arch ? flop_per_clock_per_unit(*arch) : PrecisionMap{};
  PrecisionSet out;
  for (Precision p : kAllPrecisions) {
    if (figures[p]) continue;
    const bool doubted = std::any_of(uncertain.begin(), uncertain.end(),
                                     [&](const std::string& e) { return names_precision(e, p); });
    if (!arch || rates[p] || doubted) out.insert(p);
  }
  return out;
}

std::string matched_text(const CatalogMatch& m, const DeviceIdentity& id) {
  const std::string key = m.by == MatchKind::pci ? id.pci_id.value_or("") : id.name.value_or("");
  return "catalog row '" + m.row->model + "' matched by " + std::string(to_string(m.by)) + " '" +
         key + "'";
}

void from_row(PeakResolution& out, const CatalogMatch& m, const DeviceIdentity& id) {
  const Peaks row = row_peaks(*m.row);
  out.peak_tflops = row.tflops;
  out.source = row.source;
  out.unknown = unknown_of(row.tflops, arch_in_text(m.row->arch), m.row->uncertain);
  out.basis = matched_text(m, id);
  if (row.source == PeakSource::unknown) {
    out.basis += ", which states no figure";
    return;
  }
  out.confidence = parse_confidence(m.row->confidence);
  if (row.source == PeakSource::derived) out.basis += " (its arithmetic figures)";
}

void from_silicon(PeakResolution& out, const SiliconScale& s, const DeviceIdentity& id) {
  const CatalogRow& row = *s.row;
  out.peak_tflops = PrecisionMap{}.add(row.tflops, s.factor);
  out.source = PeakSource::derived;
  out.confidence = one_level_lower(parse_confidence(row.confidence));
  out.unknown = unknown_of(row.tflops, id.arch, row.uncertain);
  const std::string units = std::to_string(*id.units);
  const std::string row_units = std::to_string(*row.units) + " " + row.unit_kind;
  out.basis = s.capped
                  ? "catalog row '" + row.model + "' (" + row_units + ") unscaled: the device's " +
                        units + " units exceed every row of its silicon"
                  : "scaled from catalog row '" + row.model + "' by " + units + "/" + row_units +
                        " (same silicon, " + std::string(to_string(*id.arch)) + ")";
}

bool from_rates(PeakResolution& out, const DeviceIdentity& id) {
  if (!id.arch || !id.units || !id.clock_mhz) return false;
  out.peak_tflops = derive_peak_tflops(*id.arch, *id.units, *id.clock_mhz);
  if (out.peak_tflops.empty()) return false;
  out.source = PeakSource::derived;
  out.confidence = is_cpu(*id.arch) ? PeakConfidence::medium : PeakConfidence::low;
  out.unknown = unknown_of(out.peak_tflops, id.arch);
  const PrecisionMap rates = flop_per_clock_per_unit(*id.arch);
  const Precision shown =
      is_cpu(*id.arch) || !rates[Precision::fp16] ? Precision::fp64 : Precision::fp16;
  out.basis = std::to_string(*id.units) + (is_cpu(*id.arch) ? " cores" : " units") + " x " +
              number(*id.clock_mhz) + " MHz (" + id.clock_basis.value_or("clock") + ") x " +
              number(rates[shown].value_or(0)) + " FLOP/cycle " + std::string(to_string(shown)) +
              " (" + std::string(to_string(*id.arch)) + " rates)";
  return true;
}

std::string unknown_basis(const DeviceIdentity& id) {
  std::string missing;
  for (const auto& [absent, what] :
       {std::pair{!id.arch, "architecture"}, std::pair{!id.units, "unit count"},
        std::pair{!id.clock_mhz, "clock"}}) {
    if (absent) missing += std::string(missing.empty() ? "" : ", ") + what;
  }
  return "no catalog row and nothing to derive from (unknown: " + missing + ")";
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
  if (const auto* entry = find_override(overrides, id)) {
    out.peak_tflops = entry->second;
    out.source = PeakSource::config;
    out.unknown = unknown_of(entry->second, id.arch);
    out.basis = "operator override catalog_overrides[\"" + entry->first + "\"]";
  } else if (match) {
    from_row(out, *match, id);
  } else if (const auto scale = same_silicon_row(catalog, id)) {
    from_silicon(out, *scale, id);
  } else if (!from_rates(out, id)) {
    out.unknown = unknown_of({}, id.arch);
    out.basis = unknown_basis(id);
  }
  return out;
}

std::optional<PeakConfidence> parse_confidence(std::string_view text) {
  for (std::size_t i = 0; i < kPeakConfidenceNames.size(); ++i) {
    if (kPeakConfidenceNames[i] == text) return static_cast<PeakConfidence>(i);
  }
  return std::nullopt;
}

PrecisionSet precisions_of(DeviceClass device_class) {
  if (device_class == DeviceClass::accelerator) return PrecisionSet::all();
  if (device_class == DeviceClass::quantum) return {};
  PrecisionSet cpu;
  cpu.insert(Precision::fp64);
  cpu.insert(Precision::fp32);
  return cpu;
}

}  // namespace suanli
