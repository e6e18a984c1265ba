#pragma once

// A node's Contribution as the registry keeps it. Most of its figures are 0 (the classes its
// devices are not in, the methods and confidence levels that did not measure them), so the
// figures per class are kept as a mask of the non-zero ones and their values, a sixth of the
// bytes; the device and quantum counts stay in place.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "central/core/contribution.hpp"

namespace suanli::central {

class PackedContribution {
 public:
  PackedContribution() = default;
  explicit PackedContribution(const Contribution& c);

  Contribution unpack() const;
  bool operator==(const PackedContribution&) const = default;

  DeviceCounts counts;
  QuantumCounts quantum;

  // Every Units of Contribution::by_class, in order.
  static constexpr std::size_t kFigures = kClassCount * sizeof(Totals) / sizeof(Units);

 private:
  static constexpr std::size_t kMaskWords = (kFigures + 63) / 64;
  std::array<std::uint64_t, kMaskWords> nonzero_{};
  std::vector<Units> values_;  // the non-zero figures, in order
};

}  // namespace suanli::central
