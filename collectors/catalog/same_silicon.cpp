#include "collectors/catalog/same_silicon.hpp"

namespace suanli {
namespace {

int confidence_rank(const std::string& confidence) {
  if (confidence == "high") return 0;
  if (confidence == "medium") return 1;
  if (confidence == "low") return 2;
  return 3;
}

bool is_reference_for(const CatalogRow& row, Arch arch) {
  return row.enumerated_device && row.silicon_reference && row.units && !row.tflops.empty() &&
         arch_in_text(row.arch) == arch;
}

// True when a is the better pick among rows that all fit (or all do not fit) the device.
bool better(const CatalogRow& a, const CatalogRow& b, bool want_fewest_units) {
  if (*a.units != *b.units) return want_fewest_units ? *a.units < *b.units : *a.units > *b.units;
  return confidence_rank(a.confidence) < confidence_rank(b.confidence);
}

}  // namespace

std::optional<SiliconScale> same_silicon_row(const Catalog& catalog, const DeviceIdentity& id) {
  if (!id.arch || !id.units || *id.units <= 0) return std::nullopt;
  const CatalogRow* fitting = nullptr;  // fewest units at or above the device's
  const CatalogRow* largest = nullptr;
  for (const CatalogRow& row : catalog.rows()) {
    if (!is_reference_for(row, *id.arch)) continue;
    if (*row.units >= *id.units && (!fitting || better(row, *fitting, true))) fitting = &row;
    if (!largest || better(row, *largest, false)) largest = &row;
  }
  if (fitting) {
    return SiliconScale{fitting, static_cast<double>(*id.units) / *fitting->units, false};
  }
  if (largest) return SiliconScale{largest, 1.0, true};
  return std::nullopt;
}

}  // namespace suanli
