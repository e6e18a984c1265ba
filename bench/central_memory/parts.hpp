#pragma once

// Central's memory per node by part: each part built on its own from the fleet's real births and
// windows and measured by what it left allocated (heap_meter.hpp), so that the parts can be
// compared with the registry's total.

#include <cstddef>
#include <string>
#include <vector>

#include "bench/central_memory/fleet_messages.hpp"

namespace suanli::bench {

struct PartBytes {
  std::string name;
  double bytes_per_node = 0;
  std::string what;
};

// Over the fleet's first `nodes` nodes.
std::vector<PartBytes> measure_parts(const FleetMessages& fleet, std::size_t nodes);

}  // namespace suanli::bench
