#include "agent/fleet/expected_capacity.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "agent/node_totals.hpp"

namespace suanli::fleet {
namespace {

// What central should count: devices and peaks in FLOPS, quantum devices in qubits apart.
struct Sum {
  std::uint64_t nodes = 0;
  std::uint64_t devices = 0;
  PrecisionMap installed;
  std::uint64_t quantum_devices = 0;
  std::uint64_t qubits = 0;

  void add(const std::vector<wire::Device>& inventory) {
    ++nodes;
    const wire::BirthTotals totals = agent::birth_totals(inventory);
    devices += totals.devices;
    installed.add(totals.peak_tflops);
    for (const auto& d : inventory) {
      if (d.device_class != DeviceClass::quantum) continue;
      --devices;
      ++quantum_devices;
      qubits += d.qubits.value_or(0);
    }
  }

  nlohmann::json quantum_json() const {
    return {{"devices", quantum_devices}, {"installed_qubits", qubits}};
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
    auto [it, added] = centers.try_emplace(node.center, node.district, Sum{});
    if (added) order.push_back(node.center);
    it->second.second.add(*node.inventory);
    city.add(*node.inventory);
  }
  nlohmann::json out;
  out["centers"] = nlohmann::json::array();
  for (const auto& id : order) {
    const auto& [district, sum] = centers.at(id);
    nlohmann::json c = {{"id", id},
                        {"nodes", sum.nodes},
                        {"devices", sum.devices},
                        {"installed_tflops", precision_json(sum.installed)},
                        {"quantum", sum.quantum_json()}};
    if (district) c["district"] = *district;
    out["centers"].push_back(std::move(c));
  }
  out["city"] = {{"centers", order.size()},
                 {"nodes", city.nodes},
                 {"devices", city.devices},
                 {"installed_tflops", precision_json(city.installed)},
                 {"quantum", city.quantum_json()}};
  return out.dump(2);
}

}  // namespace suanli::fleet
