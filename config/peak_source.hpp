#pragma once

#include <string_view>

namespace suanli {

// Where a device's peak figures came from (design.md): a catalog row matched by PCI id or name,
// arithmetic from units x clock x per-architecture rate, an operator override, or nothing.
enum class PeakSource { catalog, derived, config, unknown };

// The wire's `peak_source` words: "catalog", "derived", "config", "unknown".
std::string_view to_string(PeakSource source);

}  // namespace suanli
