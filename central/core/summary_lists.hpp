#pragma once

// Which centers and districts the summaries list: the retained indicator (and
// GET /api/v1/indicator), the per-center series of /metrics and each minute's history rows. At most
// settings.summary_max_centers of each, so that centers and districts made up by unknown agents
// cannot grow what central publishes every second (docs/security.md): the configured ones first,
// then the largest by the headline's installed figure, ties by name. The rest are counted, and
// served one by one by GET /api/v1/centers.

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "central/core/registry.hpp"

namespace suanli::central {

struct SummaryList {
  std::vector<std::string> listed;  // by name
  std::size_t total = 0;            // listed and not

  std::size_t unlisted() const { return total - listed.size(); }
};

// Every center central knows: configured, and heard from.
std::set<std::string> center_ids(const Registry& registry);

SummaryList listed_centers(const Registry& registry);
// Districts of the indicator (those with a node); "configured" ones are those of configured
// centers.
SummaryList listed_districts(const Registry& registry);

}  // namespace suanli::central
