#pragma once

#include <optional>

#include "collectors/catalog/catalog.hpp"

namespace suanli {

// A catalog row of the device's silicon and the factor its stated figures are scaled by.
struct SiliconScale {
  const CatalogRow* row;
  double factor;  // device units / row units, never above 1
  bool capped;    // the device has more units than every row of its silicon
};

// The row of the same architecture (arch_in_text of the row's arch) that states figures, counts
// one enumerated device, is a silicon reference and knows its unit count, whose unit count is
// the closest at or above the device's; among equals the highest confidence, then the first in
// the catalog. A device with more units than every such row gets the largest row unscaled (the
// datasheet convention never exceeds a stated figure). Nothing without arch and units.
std::optional<SiliconScale> same_silicon_row(const Catalog& catalog, const DeviceIdentity& id);

}  // namespace suanli
