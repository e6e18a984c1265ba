#include "central/core/units.hpp"

#include <algorithm>
#include <cmath>

namespace suanli::central {

Units to_units(const std::optional<double>& tflops) {
  if (!tflops || !std::isfinite(*tflops) || *tflops <= 0) return 0;
  return std::llround(std::min(*tflops, kMaxDeviceTflops) * kUnitsPerTflops);
}

double to_pflops(Units u) {
  return static_cast<double>(u) / kUnitsPerPflops;
}

PrecisionUnits& PrecisionUnits::operator+=(const PrecisionUnits& o) {
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] += o.v[i];
  return *this;
}

PrecisionUnits& PrecisionUnits::operator-=(const PrecisionUnits& o) {
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] -= o.v[i];
  return *this;
}

void PrecisionUnits::add(const PrecisionMap& tflops) {
  for (Precision p : kAllPrecisions)
    (*this)[p] += to_units(tflops[p]);
}

Totals& Totals::operator+=(const Totals& o) {
  installed += o.installed;
  live += o.live;
  achieved += o.achieved;
  return *this;
}

Totals& Totals::operator-=(const Totals& o) {
  installed -= o.installed;
  live -= o.live;
  achieved -= o.achieved;
  return *this;
}

}  // namespace suanli::central
