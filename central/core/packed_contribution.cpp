#include "central/core/packed_contribution.hpp"

#include <bit>
#include <type_traits>

namespace suanli::central {
namespace {

using Figures = std::array<Units, PackedContribution::kFigures>;
using ByClass = std::array<Totals, kClassCount>;
static_assert(sizeof(Figures) == sizeof(ByClass) &&
                  std::has_unique_object_representations_v<ByClass>,
              "Totals holds Units and nothing else, without padding");

}  // namespace

PackedContribution::PackedContribution(const Contribution& c)
    : counts(c.counts), quantum(c.quantum) {
  const auto figures = std::bit_cast<Figures>(c.by_class);
  std::size_t count = 0;
  for (std::size_t i = 0; i < kFigures; ++i) {
    if (figures[i] == 0) continue;
    nonzero_[i / 64] |= std::uint64_t{1} << (i % 64);
    ++count;
  }
  values_.reserve(count);
  for (Units u : figures) {
    if (u != 0) values_.push_back(u);
  }
}

Contribution PackedContribution::unpack() const {
  Figures figures{};
  std::size_t next = 0;
  for (std::size_t w = 0; w < kMaskWords; ++w) {
    for (std::uint64_t bits = nonzero_[w]; bits != 0; bits &= bits - 1)
      figures[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))] = values_[next++];
  }
  Contribution c;
  c.by_class = std::bit_cast<ByClass>(figures);
  c.counts = counts;
  c.quantum = quantum;
  return c;
}

}  // namespace suanli::central
