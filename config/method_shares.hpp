#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "config/device_kinds.hpp"

namespace suanli {

// The methods that measure activity: every Method but none, in the enum's order (best first).
inline constexpr std::size_t kMeasuredMethodCount = 4;
inline constexpr std::array<Method, kMeasuredMethodCount> kMeasuredMethods = {
    Method::gpm_tensor, Method::sm_active, Method::busy_time, Method::cpu_time};
static_assert(static_cast<std::size_t>(Method::none) == kMeasuredMethodCount,
              "none is the last Method; the measured ones come before it");

constexpr bool is_measured(Method m) {
  return m != Method::none;
}

// What share of a window's measured samples used each method (docs/protocol.md section 7,
// `method_shares`): each in [0, 1], together 1 when anything was measured, all 0 when nothing was.
struct MethodShares {
  std::array<double, kMeasuredMethodCount> v{};

  double& operator[](Method m) { return v[static_cast<std::size_t>(m)]; }
  double operator[](Method m) const { return v[static_cast<std::size_t>(m)]; }

  // The whole window measured by `m` (none: nothing measured).
  static MethodShares only(Method m) {
    MethodShares s;
    if (is_measured(m)) s[m] = 1;
    return s;
  }
  // Shares of `counts` samples per method; all 0 when there are none.
  static MethodShares of_counts(const std::array<std::uint64_t, kMeasuredMethodCount>& counts) {
    std::uint64_t total = 0;
    for (std::uint64_t n : counts)
      total += n;
    MethodShares s;
    if (total == 0) return s;
    for (std::size_t i = 0; i < kMeasuredMethodCount; ++i)
      s.v[i] = static_cast<double>(counts[i]) / static_cast<double>(total);
    return s;
  }

  bool measured() const {
    for (double x : v) {
      if (x > 0) return true;
    }
    return false;
  }
  // How many methods have a share: more than one means the window mixed methods.
  std::size_t methods_used() const {
    std::size_t n = 0;
    for (double x : v) {
      if (x > 0) ++n;
    }
    return n;
  }

  bool operator==(const MethodShares&) const = default;
};

}  // namespace suanli
