#pragma once

// Central's own judgement of the peaks a birth claims (docs/indicator.md, "Verified capacity").
// A device is looked up in the catalog compiled into central exactly as the agent looks it up (by
// PCI id, then name), and each precision is judged on its own:
// - the matched row states a figure: central counts the row's figure (checked), and notes a
//   mismatch when the claim is absent or differs from it by more than 0.5 %;
// - no row, or the row states nothing for that precision: the claim is counted unverified, unless
//   it is above the largest figure of that precision in the whole catalog (implausible): then it
//   is not counted at all.
// A device whose peak_source is unknown is not looked up: it counts nothing, unverified.

#include <array>
#include <cstdint>
#include <string_view>

#include "central/core/units.hpp"
#include "collectors/catalog/catalog.hpp"
#include "config/device_kinds.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

// One bit per precision (bit i is Precision i).
using PrecisionMask = std::uint8_t;
constexpr PrecisionMask bit(Precision p) {
  return static_cast<PrecisionMask>(1U << static_cast<unsigned>(p));
}

enum class Verdict : std::uint8_t { verified, corrected, unverified };
inline constexpr std::size_t kVerdictCount = 3;
std::string_view to_string(Verdict v);

// The confidence the matched catalog row gives its figures: the agent's levels
// (config/device_kinds.hpp), so that a birth's peak_confidence and central's check share them.
using Confidence = PeakConfidence;
inline constexpr std::array<Confidence, kConfidenceLevels> kAllConfidences = {
    Confidence::high, Confidence::medium, Confidence::low};
// A level of Totals::installed_by_confidence: a Confidence, or "unstated" past them.
std::string_view installed_confidence_name(std::size_t level);

// What central found of a device's peaks, kept with the device.
struct PeakJudgement {
  PrecisionMask checked = 0;      // counted at the catalog's figure
  PrecisionMask mismatched = 0;   // of those, the claim was absent or off by more than 0.5 %
  PrecisionMask implausible = 0;  // claimed above every catalog figure: not counted
  Verdict verdict = Verdict::unverified;    // corrected when any precision mismatched
  Confidence confidence = Confidence::low;  // of the row, when one matched
  const CatalogRow* row = nullptr;          // the matched row; points into the checker's catalog
  bool operator==(const PeakJudgement&) const = default;
};

struct PeakCheck : PeakJudgement {
  PrecisionUnits counted;  // what central counts for the device
};

class PeakChecker {
 public:
  explicit PeakChecker(Catalog catalog);
  // The checker over the catalog compiled into central (collectors/catalog/catalog.json).
  static const PeakChecker& builtin();

  // `claimed` is the device's peak_tflops as central rounds it (units.hpp).
  PeakCheck check(const wire::Device& device, const PrecisionUnits& claimed) const;
  // The largest figure of each precision in the catalog.
  const PrecisionUnits& ceiling() const { return ceiling_; }

 private:
  Catalog catalog_;
  PrecisionUnits ceiling_;
};

// Within 0.5 % of the catalog's figure.
bool within_tolerance(Units claimed, Units catalog);

}  // namespace suanli::central
