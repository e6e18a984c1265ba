#include "bench/central_memory/fleet_messages.hpp"

#include <algorithm>
#include <stdexcept>

#include "agent/fleet/sim_node.hpp"
#include "config/fleet_config.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::bench {

namespace {

config::FleetConfig fleet_config(std::size_t nodes) {
  const std::string text = R"({"mqtt": {"uri": "mqtt://127.0.0.1:1883"},
    "publish_interval_ms": 10000, "sample_interval_ms": 1000, "connections": 1,
    "nodes_per_connection": )" +
                           std::to_string(std::max<std::size_t>(nodes, 1)) + R"(,
    "centers": [{"id": ")" +
                           std::string(kCenter) +
                           R"(", "district": "bench", "nodes": [{"prefix": "n", "count": )" +
                           std::to_string(nodes) + R"(,
      "devices": [{"model": "H100 SXM5 80GB", "count": 8}]}]}]})";
  auto cfg = config::load_fleet_config(text, "central_memory");
  if (!cfg) throw std::runtime_error("fleet config: " + cfg.error().front());
  return *cfg;
}

}  // namespace

FleetMessages::FleetMessages(std::size_t nodes) {
  auto catalog = Catalog::builtin();
  if (!catalog) throw std::runtime_error("catalog: " + catalog.error());
  auto specs = fleet::plan_fleet(fleet_config(nodes), *catalog);
  if (!specs) throw std::runtime_error("fleet: " + specs.error().front());
  specs_ = std::move(specs).value();
}

NodeMessages FleetMessages::node(std::size_t i, std::uint64_t start_ms) const {
  static const config::FleetConfig cfg = fleet_config(1);
  const fleet::SimNodeSpec& spec = specs_.at(i);
  fleet::SimNode sim(spec, cfg, /*boot=*/1, start_ms);
  NodeMessages m;
  m.birth_topic = wire::make_topic(spec.center, spec.node, wire::Kind::birth);
  m.birth = sim.birth_payload(start_ms);
  m.data_topic = wire::make_topic(spec.center, spec.node, wire::Kind::data);
  m.data = sim.next_window_payload(start_ms + cfg.publish_interval_ms);
  return m;
}

}  // namespace suanli::bench
