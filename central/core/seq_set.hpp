#pragma once

// The sequence numbers seen in one boot, as disjoint closed ranges: O(log ranges) per lookup, and
// one range when the numbers are contiguous.

#include <cstddef>
#include <cstdint>
#include <map>

namespace suanli::central {

class SeqSet {
 public:
  bool contains(std::uint64_t seq) const;
  // False when seq was already present.
  bool insert(std::uint64_t seq);
  std::size_t ranges() const { return ranges_.size(); }
  // The numbers between the lowest and the highest present that are not.
  std::uint64_t missing() const;

 private:
  std::map<std::uint64_t, std::uint64_t> ranges_;  // first -> last, inclusive
};

}  // namespace suanli::central
