#include "agent/fleet/expected_capacity.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "agent/node_totals.hpp"

namespace suanli::fleet {
namespace {

struct Sum {
  std::uint64_t nodes = 0;
  std::uint64_t devices = 0;
  PrecisionMap installed;

  void add(const wire::BirthTotals& totals) {
    ++nodes;
    devices += totals.devices;
    installed.add(totals.peak_tflops);
  }
};

nlohmann::json precision_json(const PrecisionMap& map) {
  nlohmann::json out = nlohmann::json::object();
  for (auto p : kAllPrecisions) {
    if (map[p]) out[std::string(to_string(p))] = *map[p];
  }
  return out;
}

}  // namespace

std::string expected_capacity_json(const std::vector<SimNodeSpec>& nodes) {
  std::vector<std::string> order;
  std::map<std::string, std::pair<std::optional<std::string>, Sum>> centers;
  Sum city;
  for (const auto& node : nodes) {
    auto totals = agent::birth_totals(*node.inventory);
    auto [it, added] = centers.try_emplace(node.center, node.district, Sum{});
    if (added) order.push_back(node.center);
    it->second.second.add(totals);
    city.add(totals);
  }
  nlohmann::json out;
  out["centers"] = nlohmann::json::array();
  for (const auto& id : order) {
    const auto& [district, sum] = centers.at(id);
    nlohmann::json c = {{"id", id},
                        {"nodes", sum.nodes},
                        {"devices", sum.devices},
                        {"installed_tflops", precision_json(sum.installed)}};
    if (district) c["district"] = *district;
    out["centers"].push_back(std::move(c));
  }
  out["city"] = {{"centers", order.size()},
                 {"nodes", city.nodes},
                 {"devices", city.devices},
                 {"installed_tflops", precision_json(city.installed)}};
  return out.dump(2);
}

}  // namespace suanli::fleet
