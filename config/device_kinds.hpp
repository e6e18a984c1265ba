#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace suanli {

// Kinds that describe a device, shared by the collectors, the agent and the wire format. The
// name arrays give each enumerator's wire spelling, indexed by its value.

// Accelerators count toward the intelligent class; CPUs toward general (docs/design.md,
// "Capacity rules"). A quantum
// computer is declared in the agent's config and counted in qubits, never in FLOPS.
enum class DeviceClass { accelerator, cpu, quantum };
inline constexpr std::array<std::string_view, 3> kDeviceClassNames = {"accelerator", "cpu",
                                                                      "quantum"};

// How a device's activity was measured, best first (docs/design.md, "Activity methods").
enum class Method { gpm_tensor, sm_active, busy_time, cpu_time, none };
inline constexpr std::array<std::string_view, 5> kMethodNames = {"gpm_tensor", "sm_active",
                                                                 "busy_time", "cpu_time", "none"};

// Where a device's peak figures came from: a catalog row matched by PCI id or name, arithmetic
// from units x clock x per-architecture rate, an operator override, or nothing.
enum class PeakSource { catalog, derived, config, unknown };
inline constexpr std::array<std::string_view, 4> kPeakSourceNames = {"catalog", "derived", "config",
                                                                     "unknown"};

// How far a device's peak figures can be trusted: the catalog row's confidence for a matched
// row, one level lower for a figure scaled from a row of the same silicon, medium for a CPU
// derived at its base clock, low for other arithmetic (collectors/catalog/README.md). Absent on
// the wire when unknown (an operator override, no figure).
enum class PeakConfidence : std::uint8_t { high, medium, low };
inline constexpr std::array<std::string_view, 3> kPeakConfidenceNames = {"high", "medium", "low"};

constexpr std::string_view to_string(DeviceClass v) {
  return kDeviceClassNames[static_cast<std::size_t>(v)];
}
constexpr std::string_view to_string(Method v) {
  return kMethodNames[static_cast<std::size_t>(v)];
}
constexpr std::string_view to_string(PeakSource v) {
  return kPeakSourceNames[static_cast<std::size_t>(v)];
}
constexpr std::string_view to_string(PeakConfidence v) {
  return kPeakConfidenceNames[static_cast<std::size_t>(v)];
}

}  // namespace suanli
