#pragma once

// A device's precision table kept once however many devices hold the same figures: the eight
// identical accelerators of a node, and every node of one model, share one table. Reads like a
// const PrecisionUnits; assigning a table finds the one already kept, or keeps it.

#include <memory>

#include "central/core/units.hpp"

namespace suanli::central {

class SharedUnits {
 public:
  SharedUnits() = default;                   // all zero
  SharedUnits(const PrecisionUnits& units);  // NOLINT(google-explicit-constructor): a value

  const PrecisionUnits& get() const { return table_ ? *table_ : zero(); }
  operator const PrecisionUnits&() const { return get(); }  // NOLINT(google-explicit-constructor)
  Units operator[](Precision p) const { return get()[p]; }

  friend bool operator==(const SharedUnits& a, const SharedUnits& b) {
    return a.table_ == b.table_ || a.get() == b.get();
  }
  friend bool operator==(const SharedUnits& a, const PrecisionUnits& b) { return a.get() == b; }

 private:
  static const PrecisionUnits& zero();

  std::shared_ptr<const PrecisionUnits> table_;  // null: all zero
};

}  // namespace suanli::central
