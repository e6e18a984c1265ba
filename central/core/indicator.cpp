#include "central/core/indicator.hpp"

namespace suanli::central {
namespace {

void add_to(Aggregate& a, const NodePart& part) {
  a.contribution += part.contribution;
  ++a.nodes[static_cast<std::size_t>(part.state)];
}

void remove_from(std::map<std::string, Aggregate>& m, const std::string& key,
                 const NodePart& part) {
  auto it = m.find(key);
  if (it == m.end()) return;
  Aggregate& a = it->second;
  a.contribution -= part.contribution;
  --a.nodes[static_cast<std::size_t>(part.state)];
  if (a.node_count() == 0) m.erase(it);
}

}  // namespace

std::int64_t Aggregate::node_count() const {
  std::int64_t n = 0;
  for (std::int64_t v : nodes)
    n += v;
  return n;
}

void Indicator::add(const NodePart& part) {
  add_to(city_, part);
  add_to(centers_[part.center], part);
  add_to(districts_[part.district], part);
}

void Indicator::remove(const NodePart& part) {
  city_.contribution -= part.contribution;
  --city_.nodes[static_cast<std::size_t>(part.state)];
  remove_from(centers_, part.center, part);
  remove_from(districts_, part.district, part);
}

}  // namespace suanli::central
