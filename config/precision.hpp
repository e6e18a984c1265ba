#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace suanli {

// The eight precisions (docs/design.md, "Capacity rules"). Tensor rates are dense, never sparse;
// int8 is in TOPS.
enum class Precision : std::size_t { fp64, fp64_tensor, fp32, tf32, fp16, bf16, fp8, int8 };

inline constexpr std::size_t kPrecisionCount = 8;
inline constexpr std::array<Precision, kPrecisionCount> kAllPrecisions = {
    Precision::fp64, Precision::fp64_tensor, Precision::fp32, Precision::tf32,
    Precision::fp16, Precision::bf16,        Precision::fp8,  Precision::int8};

// The resolution of every FLOPS figure: one MFLOPS. Central counts in it exactly; agents write
// figures rounded to it.
inline constexpr double kMflopsPerTflops = 1e6;

std::string_view to_string(Precision p);
std::optional<Precision> parse_precision(std::string_view key);

// A value per precision; an absent value is unknown, never zero.
class PrecisionMap {
 public:
  std::optional<double>& operator[](Precision p) { return values_[static_cast<std::size_t>(p)]; }
  const std::optional<double>& operator[](Precision p) const {
    return values_[static_cast<std::size_t>(p)];
  }
  bool empty() const;
  // Adds scale x other's known values; an unknown value leaves this one as it was.
  PrecisionMap& add(const PrecisionMap& other, double scale = 1.0);
  bool operator==(const PrecisionMap&) const = default;

 private:
  std::array<std::optional<double>, kPrecisionCount> values_{};
};

// A set of precisions, e.g. those whose figure is unknown.
class PrecisionSet {
 public:
  static PrecisionSet all() {
    PrecisionSet s;
    s.bits_ = (1u << kPrecisionCount) - 1;
    return s;
  }
  void insert(Precision p) { bits_ |= bit(p); }
  void erase(Precision p) { bits_ &= static_cast<std::uint8_t>(~bit(p)); }
  bool contains(Precision p) const { return (bits_ & bit(p)) != 0; }
  bool empty() const { return bits_ == 0; }
  PrecisionSet& operator|=(PrecisionSet o) {
    bits_ |= o.bits_;
    return *this;
  }
  PrecisionSet& operator&=(PrecisionSet o) {
    bits_ &= o.bits_;
    return *this;
  }
  bool operator==(const PrecisionSet&) const = default;

 private:
  static std::uint8_t bit(Precision p) {
    return static_cast<std::uint8_t>(1u << static_cast<std::size_t>(p));
  }
  std::uint8_t bits_ = 0;
};

}  // namespace suanli
