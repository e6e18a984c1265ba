#include "central/core/peak_check.hpp"

#include <cstdlib>
#include <stdexcept>

#include "collectors/catalog/peaks.hpp"

namespace suanli::central {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::verified:
      return "verified";
    case Verdict::corrected:
      return "corrected";
    case Verdict::unverified:
      return "unverified";
  }
  return "unverified";
}

std::string_view installed_confidence_name(std::size_t level) {
  return level < kConfidenceLevels ? to_string(kAllConfidences[level]) : "unstated";
}

namespace {

Confidence confidence_of(const CatalogRow& row) {
  return parse_confidence(row.confidence).value_or(Confidence::low);
}

PrecisionUnits units_of(const PrecisionMap& tflops) {
  PrecisionUnits u;
  u.add(tflops);
  return u;
}

}  // namespace

bool within_tolerance(Units claimed, Units catalog) {
  return 200 * std::llabs(claimed - catalog) <= catalog;
}

PeakChecker::PeakChecker(Catalog catalog) : catalog_(std::move(catalog)) {
  for (const CatalogRow& row : catalog_.rows()) {
    if (!row.enumerated_device) continue;
    for (const PrecisionMap* figures : {&row.tflops, &row.derived_tflops}) {
      const PrecisionUnits u = units_of(*figures);
      for (Precision p : kAllPrecisions)
        ceiling_[p] = std::max(ceiling_[p], u[p]);
    }
  }
}

const PeakChecker& PeakChecker::builtin() {
  static const PeakChecker checker = [] {
    auto catalog = Catalog::builtin();
    if (!catalog) throw std::logic_error("the compiled-in catalog: " + catalog.error());
    return PeakChecker(std::move(*catalog));
  }();
  return checker;
}

PeakCheck PeakChecker::check(const wire::Device& device, const PrecisionUnits& claimed) const {
  PeakCheck c;
  // The agent vouches for no figure (e.g. an accelerator no vendor library reads): nothing to
  // check and nothing counted, whatever the catalog knows of its PCI id.
  if (device.peak_source == PeakSource::unknown) return c;
  DeviceIdentity identity;
  identity.pci_id = device.pci_id;
  identity.name = device.model;
  if (device.units) identity.units = static_cast<int>(*device.units);
  std::optional<CatalogMatch> match = catalog_.find(identity);
  PrecisionUnits catalog;
  if (match) {
    c.row = match->row;
    c.confidence = confidence_of(*match->row);
    catalog = units_of(row_peaks(*match->row).tflops);
  }
  for (Precision p : kAllPrecisions) {
    if (catalog[p] > 0) {
      c.counted[p] = catalog[p];
      c.checked |= bit(p);
      if (!within_tolerance(claimed[p], catalog[p])) c.mismatched |= bit(p);
    } else if (claimed[p] > ceiling_[p]) {
      c.implausible |= bit(p);
    } else {
      c.counted[p] = claimed[p];
    }
  }
  if (match) c.verdict = c.mismatched != 0 ? Verdict::corrected : Verdict::verified;
  return c;
}

}  // namespace suanli::central
