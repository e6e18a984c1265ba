#pragma once

// Who may add a node to the registry (docs/security.md): a message of a node central does not know
// yet costs memory, store rows and a line in every listing, so unknown centers and nodes are
// bounded. A node of a configured center is always admitted; with known_centers_only no other is;
// without it, at most new_centers_per_minute new centers and new_nodes_per_minute new nodes of
// unconfigured centers join per minute of central's clock. Known nodes never pass through here.

#include <cstdint>
#include <string_view>

#include "central/core/settings.hpp"

namespace suanli::central {

class Admission {
 public:
  explicit Admission(const CoreSettings& settings)
      : known_centers_only_(settings.known_centers_only),
        centers_per_minute_(settings.new_centers_per_minute),
        nodes_per_minute_(settings.new_nodes_per_minute) {}

  // Decides on a node not known yet, of a center that is `configured` or not, and that has other
  // nodes already when `center_has_nodes`. An admitted node of an unconfigured center is counted
  // against its minute's allowance. Returns the reject reason (reject_counters.hpp), or an empty
  // view when admitted.
  std::string_view admit(bool configured, bool center_has_nodes, std::uint64_t now_ms);

 private:
  bool known_centers_only_;
  std::uint64_t centers_per_minute_;
  std::uint64_t nodes_per_minute_;
  std::uint64_t minute_ = 0;
  std::uint64_t new_centers_ = 0;
  std::uint64_t new_nodes_ = 0;
};

}  // namespace suanli::central
