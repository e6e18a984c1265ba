#include "central/core/units.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace suanli::central {

Units to_units(const std::optional<double>& tflops) {
  if (!tflops || !std::isfinite(*tflops) || *tflops <= 0) return 0;
  return std::llround(std::min(*tflops, kMaxDeviceTflops) * kUnitsPerTflops);
}

double to_pflops(Units u) {
  return static_cast<double>(u) / kUnitsPerPflops;
}

std::string tflops_text(Units u) {
  return nlohmann::json(static_cast<double>(u) / kUnitsPerTflops).dump();
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

PowerReading PowerReading::of(const std::optional<double>& watts) {
  if (!watts) return {};
  if (!std::isfinite(*watts) || *watts < 0 || *watts > kMaxDevicePowerW) {
    return {.mw = std::nullopt, .implausible = true};
  }
  return {.mw = std::llround(*watts * 1000), .implausible = false};
}

double to_kw(Milliwatts mw) {
  return static_cast<double>(mw) / kMilliwattsPerKw;
}

namespace {

// `sign` 1 adds o to t, -1 subtracts it.
void accumulate(PowerTotals& t, const PowerTotals& o, std::int64_t sign) {
  t.power_mw += sign * o.power_mw;
  t.with_power += sign * o.with_power;
  t.without_power += sign * o.without_power;
  t.implausible += sign * o.implausible;
  for (Precision p : kAllPrecisions) {
    t.live[p] += sign * o.live[p];
    t.achieved[p] += sign * o.achieved[p];
  }
}

}  // namespace

PowerTotals& PowerTotals::operator+=(const PowerTotals& o) {
  accumulate(*this, o, 1);
  return *this;
}

PowerTotals& PowerTotals::operator-=(const PowerTotals& o) {
  accumulate(*this, o, -1);
  return *this;
}

PrecisionUnits Totals::unverified() const {
  PrecisionUnits u = installed;
  u -= verified;
  return u;
}

Totals& Totals::operator+=(const Totals& o) {
  installed += o.installed;
  live += o.live;
  achieved += o.achieved;
  for (std::size_t i = 0; i < kMeasuredMethodCount; ++i)
    achieved_by_method[i] += o.achieved_by_method[i];
  verified += o.verified;
  for (std::size_t i = 0; i < kConfidenceLevels; ++i)
    verified_by_confidence[i] += o.verified_by_confidence[i];
  for (std::size_t i = 0; i < kInstalledConfidenceLevels; ++i)
    installed_by_confidence[i] += o.installed_by_confidence[i];
  unknown_devices += o.unknown_devices;
  power += o.power;
  return *this;
}

Totals& Totals::operator-=(const Totals& o) {
  installed -= o.installed;
  live -= o.live;
  achieved -= o.achieved;
  for (std::size_t i = 0; i < kMeasuredMethodCount; ++i)
    achieved_by_method[i] -= o.achieved_by_method[i];
  verified -= o.verified;
  for (std::size_t i = 0; i < kConfidenceLevels; ++i)
    verified_by_confidence[i] -= o.verified_by_confidence[i];
  for (std::size_t i = 0; i < kInstalledConfidenceLevels; ++i)
    installed_by_confidence[i] -= o.installed_by_confidence[i];
  unknown_devices -= o.unknown_devices;
  power -= o.power;
  return *this;
}

}  // namespace suanli::central
