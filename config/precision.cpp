#include "config/precision.hpp"

namespace suanli {
namespace {

constexpr std::array<std::string_view, kPrecisionCount> kNames = {
    "fp64", "fp64_tensor", "fp32", "tf32", "fp16", "bf16", "fp8", "int8"};

}  // namespace

std::string_view to_string(Precision p) {
  return kNames[static_cast<std::size_t>(p)];
}

std::optional<Precision> parse_precision(std::string_view key) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == key) return static_cast<Precision>(i);
  }
  return std::nullopt;
}

bool PrecisionMap::empty() const {
  for (const auto& v : values_) {
    if (v) return false;
  }
  return true;
}

PrecisionMap& PrecisionMap::add(const PrecisionMap& other, double scale) {
  for (std::size_t i = 0; i < kPrecisionCount; ++i) {
    if (other.values_[i]) values_[i] = values_[i].value_or(0.0) + *other.values_[i] * scale;
  }
  return *this;
}

}  // namespace suanli
