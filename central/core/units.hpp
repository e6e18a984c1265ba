#pragma once

// Exact FLOPS and power arithmetic: every figure is a signed 64-bit count of one MFLOPS (1e-6
// TFLOPS), every power one of milliwatts, so that totals kept by adding and subtracting are exact
// and can be compared with ==.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "config/method_shares.hpp"
#include "config/precision.hpp"

namespace suanli::central {

using Units = std::int64_t;

// Units per TFLOPS, and per PFLOPS.
inline constexpr double kUnitsPerTflops = kMflopsPerTflops;
inline constexpr double kUnitsPerPflops = 1e9;
// One device's figure is capped at 1e6 TFLOPS (about 500 times the largest accelerator) so that a
// hostile peak cannot overflow the sums of a city.
inline constexpr double kMaxDeviceTflops = 1e6;

// Rounds a device's figure once, when it enters; unknown (absent) is 0 here.
Units to_units(const std::optional<double>& tflops);
double to_pflops(Units u);
// A figure in TFLOPS as text, as short as it reads exactly ("989.4"), for log and anomaly lines.
std::string tflops_text(Units u);

// One figure per precision; precisions are never added to each other.
struct PrecisionUnits {
  std::array<Units, kPrecisionCount> v{};

  Units& operator[](Precision p) { return v[static_cast<std::size_t>(p)]; }
  Units operator[](Precision p) const { return v[static_cast<std::size_t>(p)]; }
  PrecisionUnits& operator+=(const PrecisionUnits& o);
  PrecisionUnits& operator-=(const PrecisionUnits& o);
  // Adds a device's figures (rounded per value).
  void add(const PrecisionMap& tflops);
  bool operator==(const PrecisionUnits&) const = default;
};

using Milliwatts = std::int64_t;
inline constexpr double kMilliwattsPerKw = 1e6;
// A device's power reading above this (100 kW, about 70 times the largest accelerator board) is
// not believed, nor a negative one or one that is not a number.
inline constexpr double kMaxDevicePowerW = 100'000;

// A device's power reading as central takes it: in exact milliwatts, absent when the window has
// none, and absent and `implausible` when the reading is not believable (kMaxDevicePowerW).
struct PowerReading {
  std::optional<Milliwatts> mw;
  bool implausible = false;

  static PowerReading of(const std::optional<double>& watts);
  bool operator==(const PowerReading&) const = default;
};

double to_kw(Milliwatts mw);

// The power of the live physical devices (a slice is part of its parent's reading): the sum of
// the readings of those that report one, how many do and do not (never counted as 0 W), and the
// live peak and achieved of those that do, for efficiency (TFLOPS per kW).
struct PowerTotals {
  Milliwatts power_mw = 0;
  std::int64_t with_power = 0;
  std::int64_t without_power = 0;
  std::int64_t implausible = 0;  // of without_power: their reading was implausible
  PrecisionUnits live;           // of the devices with power
  PrecisionUnits achieved;       // of the devices with power (their slices' for one with slices)

  PowerTotals& operator+=(const PowerTotals& o);
  PowerTotals& operator-=(const PowerTotals& o);
  bool operator==(const PowerTotals&) const = default;
};

inline constexpr std::size_t kConfidenceLevels = 3;  // high, medium, low (peak_check.hpp)
// installed_by_confidence's levels: those three and "unstated" (no one gave a confidence).
inline constexpr std::size_t kInstalledConfidenceLevels = kConfidenceLevels + 1;

// The three quantities of the indicator, and how much of installed central checked against its
// catalog: verified (by the confidence of the catalog rows); installed - verified is unverified.
// achieved_by_method splits achieved by the method that measured it (each window's method shares,
// kMeasuredMethods' order); a window that names no method adds to achieved alone.
struct Totals {
  PrecisionUnits installed;
  PrecisionUnits live;
  PrecisionUnits achieved;
  std::array<PrecisionUnits, kMeasuredMethodCount> achieved_by_method{};
  PrecisionUnits verified;
  std::array<PrecisionUnits, kConfidenceLevels> verified_by_confidence{};
  // Installed by the confidence of each figure: central's catalog row's where it checked the
  // figure, else the birth's peak_confidence, else unstated.
  std::array<PrecisionUnits, kInstalledConfidenceLevels> installed_by_confidence{};
  // Per precision, a count of devices (not MFLOPS) whose figure is unknown: not in installed.
  PrecisionUnits unknown_devices;
  PowerTotals power;

  PrecisionUnits unverified() const;

  Totals& operator+=(const Totals& o);
  Totals& operator-=(const Totals& o);
  bool operator==(const Totals&) const = default;
};

}  // namespace suanli::central
