#include "central/core/summary_lists.hpp"

#include <algorithm>
#include <tuple>

namespace suanli::central {
namespace {

struct Candidate {
  bool configured = false;
  Units installed = 0;
  const std::string* name = nullptr;
};

Units headline_installed(const Registry& registry, const Aggregate& a) {
  const CoreSettings& s = registry.settings();
  return a.contribution.of(s.headline_class).installed[s.headline_precision];
}

SummaryList rank(std::vector<Candidate> candidates, std::size_t max) {
  const auto before = [](const Candidate& a, const Candidate& b) {
    return std::tuple(!a.configured, -a.installed, *a.name) <
           std::tuple(!b.configured, -b.installed, *b.name);
  };
  const std::size_t n = std::min(max, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n),
                    candidates.end(), before);
  SummaryList list;
  list.total = candidates.size();
  for (std::size_t i = 0; i < n; ++i)
    list.listed.push_back(*candidates[i].name);
  std::ranges::sort(list.listed);
  return list;
}

}  // namespace

std::set<std::string> center_ids(const Registry& registry) {
  std::set<std::string> ids;
  for (const auto& [id, cfg] : registry.settings().centers)
    ids.insert(id);
  for (const auto& [id, agg] : registry.indicator().centers())
    ids.insert(id);
  return ids;
}

SummaryList listed_centers(const Registry& registry) {
  const auto& configured = registry.settings().centers;
  const auto& heard = registry.indicator().centers();
  std::vector<Candidate> candidates;
  for (const auto& [id, cfg] : configured) {
    auto it = heard.find(id);
    candidates.push_back(
        {true, it == heard.end() ? 0 : headline_installed(registry, it->second), &id});
  }
  for (const auto& [id, agg] : heard) {
    if (!configured.contains(id)) {
      candidates.push_back({false, headline_installed(registry, agg), &id});
    }
  }
  return rank(std::move(candidates), registry.settings().summary_max_centers);
}

SummaryList listed_districts(const Registry& registry) {
  std::set<std::string> configured;
  for (const auto& [id, cfg] : registry.settings().centers) {
    if (cfg.district) configured.insert(*cfg.district);
  }
  std::vector<Candidate> candidates;
  for (const auto& [name, agg] : registry.indicator().districts()) {
    candidates.push_back({configured.contains(name), headline_installed(registry, agg), &name});
  }
  return rank(std::move(candidates), registry.settings().summary_max_centers);
}

}  // namespace suanli::central
