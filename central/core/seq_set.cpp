#include "central/core/seq_set.hpp"

#include <limits>
#include <optional>

namespace suanli::central {

bool SeqSet::contains(std::uint64_t seq) const {
  auto it = ranges_.upper_bound(seq);
  if (it == ranges_.begin()) return false;
  --it;
  return seq <= it->second;
}

bool SeqSet::insert(std::uint64_t seq) {
  if (contains(seq)) return false;
  auto next = ranges_.upper_bound(seq);
  bool joins_next = next != ranges_.end() && seq != std::numeric_limits<std::uint64_t>::max() &&
                    next->first == seq + 1;
  if (next != ranges_.begin()) {
    auto prev = std::prev(next);
    if (prev->second + 1 == seq) {
      prev->second = joins_next ? next->second : seq;
      if (joins_next) ranges_.erase(next);
      return true;
    }
  }
  std::uint64_t last = seq;
  if (joins_next) {
    last = next->second;
    ranges_.erase(next);
  }
  ranges_.emplace(seq, last);
  return true;
}

std::uint64_t SeqSet::missing() const {
  std::uint64_t gaps = 0;
  std::optional<std::uint64_t> previous_last;
  for (const auto& [first, last] : ranges_) {
    if (previous_last) gaps += first - *previous_last - 1;
    previous_last = last;
  }
  return gaps;
}

}  // namespace suanli::central
