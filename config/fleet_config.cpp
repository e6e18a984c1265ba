#include "config/fleet_config.hpp"

#include <algorithm>
#include <set>

#include "config/binding.hpp"
#include "config/declared_keys.hpp"
#include "config/ids.hpp"
#include "config/shared_keys.hpp"

namespace suanli::config {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

std::vector<Key<FleetConfig>> fleet_keys() {
  std::vector<Key<FleetConfig>> keys = {
      {{.path = "description",
        .type = ValueType::string,
        .description = "Free text about the fleet (e.g. that its figures are illustrative).",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(c.description)},
      {{.path = "seed",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "Seed of the simulated activity; each node derives its own from it.",
        .min = 0,
        .max = kMaxSafeInteger},
       SUANLI_BIND(c.seed)},
  };
  auto windows = window_keys<FleetConfig>(
      "Simulated sampling interval: a window holds "
      "publish_interval_ms / sample_interval_ms samples.",
      "Window length of every node; in real time each node publishes one window "
      "per interval, the fleet's windows spread evenly over it.");
  keys.insert(keys.end(), windows.begin(), windows.end());
  std::vector<Key<FleetConfig>> after_windows = {
      {{.path = "nodes_per_connection",
        .type = ValueType::integer,
        .default_json = "1000",
        .description = "Simulated nodes sharing one MQTT connection; its Last Will covers only "
                       "the first node's status.",
        .min = 1,
        .max = 100000},
       SUANLI_BIND(c.nodes_per_connection)},
      {{.path = "connections",
        .type = ValueType::integer,
        .default_json = "10",
        .description = "Most MQTT connections; nodes / nodes_per_connection must fit. Keep it "
                       "small: each extra Paho client in one process takes seconds to connect, "
                       "and around 100 of them starve Paho's shared threads (keepalive timeouts).",
        .min = 1,
        .max = 1000},
       SUANLI_BIND(c.connections)},
      {{.path = "max_in_flight",
        .type = ValueType::integer,
        .default_json = "100",
        .description = "Most unacknowledged QoS 1 publishes per connection.",
        .min = 1,
        .max = 65535},
       SUANLI_BIND(c.max_in_flight)},
      {{.path = "stop_after_windows",
        .type = ValueType::integer,
        .default_json = "0",
        .description = "Data windows each node publishes before the simulator stops; 0 = run "
                       "until SIGTERM or SIGINT.",
        .min = 0,
        .max = kMaxSafeInteger},
       SUANLI_BIND(c.stop_after_windows)},
      {{.path = "rate", .type = ValueType::map, .description = "Pacing of the whole fleet."},
       nullptr},
      {{.path = "rate.windows_per_s",
        .type = ValueType::number,
        .description = "Data windows per second for the whole fleet; 0 = as fast as the broker "
                       "acknowledges them (load tests).",
        .min = 0,
        .max = 10000000,
        .default_doc = "real time: nodes / publish_interval_ms"},
       SUANLI_BIND(c.rate_windows_per_s)},
  };
  keys.insert(keys.end(), after_windows.begin(), after_windows.end());
  auto common = common_keys<FleetConfig>();
  keys.insert(keys.end(), common.begin(), common.end());
  std::vector<Key<FleetConfig>> rest = {
      {{.path = "centers",
        .type = ValueType::array,
        .description = "The simulated compute centers.",
        .need = Need::required},
       nullptr},
      {{.path = "centers[].id",
        .type = ValueType::string,
        .description = "Center id, as in the topics.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$",
        .need = Need::required},
       SUANLI_BIND(element(c.centers, k[0]).id)},
      {{.path = "centers[].district",
        .type = ValueType::string,
        .description = "District the center's nodes report in their birth.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(element(c.centers, k[0]).district)},
      {{.path = "centers[].nodes",
        .type = ValueType::array,
        .description = "Groups of identical nodes.",
        .need = Need::required},
       nullptr},
      {{.path = "centers[].nodes[].prefix",
        .type = ValueType::string,
        .description = "Node ids are <prefix>-001, <prefix>-002, ...",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$",
        .need = Need::required},
       SUANLI_BIND(element(element(c.centers, k[0]).nodes, k[1]).prefix)},
      {{.path = "centers[].nodes[].count",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "Nodes in the group.",
        .min = 1,
        .max = 100000},
       SUANLI_BIND(element(element(c.centers, k[0]).nodes, k[1]).count)},
      {{.path = "centers[].nodes[].devices",
        .type = ValueType::array,
        .default_json = "[]",
        .description =
            "Each node's simulated accelerators: `{\"model\": \"910B\", \"count\": 8}`, each "
            "with its own uuid `sim:<center>/<node>/<device id>`."},
       nullptr},
      {{.path = "centers[].nodes[].devices[].model",
        .type = ValueType::string,
        .description = "Catalog model or device name; peaks come from the catalog.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .need = Need::required},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).devices, k[2]).model)},
      {{.path = "centers[].nodes[].devices[].count",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "Devices of this model per node.",
        .min = 1,
        .max = 1024},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).devices, k[2]).count)},
      {{.path = "centers[].nodes[].cpus",
        .type = ValueType::array,
        .default_json = "[]",
        .description = "Each node's simulated CPU packages (general compute); peaks are derived "
                       "as the agent's CPU backend derives them."},
       nullptr},
      {{.path = "centers[].nodes[].cpus[].model",
        .type = ValueType::string,
        .description = "CPU model name, e.g. `AMD EPYC 9654 96-Core Processor`.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .need = Need::required},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).cpus, k[2]).model)},
      {{.path = "centers[].nodes[].cpus[].vendor",
        .type = ValueType::string,
        .default_json = R"("simulated")",
        .description = "CPU vendor, e.g. `AMD`.",
        .check = check_non_empty,
        .check_doc = "non-empty"},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).cpus, k[2]).vendor)},
      {{.path = "centers[].nodes[].cpus[].cores",
        .type = ValueType::integer,
        .description = "Cores per package.",
        .min = 1,
        .max = 4096,
        .need = Need::required},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).cpus, k[2]).cores)},
      {{.path = "centers[].nodes[].cpus[].clock_mhz",
        .type = ValueType::number,
        .description = "All-core clock under vector load.",
        .min = 1,
        .max = 10000,
        .need = Need::required},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).cpus, k[2]).clock_mhz)},
      {{.path = "centers[].nodes[].cpus[].arch",
        .type = ValueType::string,
        .description = "Vector unit: `x86_avx512_2fma`, `x86_avx2_fma`, `x86_zen1_2x128`, "
                       "`arm_neon_2x128`, `arm_sve_2x256`, `arm_sve2_4x128` or `arm_a64fx_2x512`.",
        .check = check_non_empty,
        .check_doc = "non-empty",
        .need = Need::required},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).cpus, k[2]).arch)},
      {{.path = "centers[].nodes[].cpus[].count",
        .type = ValueType::integer,
        .default_json = "1",
        .description = "Packages (sockets) of this model per node.",
        .min = 1,
        .max = 64},
       SUANLI_BIND(element(element(element(c.centers, k[0]).nodes, k[1]).cpus, k[2]).count)},
  };
  keys.insert(keys.end(), rest.begin(), rest.end());
  auto declared = declared_keys<FleetConfig>(
      "centers[].nodes[].declared",
      [](FleetConfig& c, const Captures& k) -> DeclaredDevice& {
        return element(element(element(c.centers, k[0]).nodes, k[1]).declared, k[2]);
      },
      false);
  keys.insert(keys.end(), declared.begin(), declared.end());
  return keys;
}

const std::vector<Key<FleetConfig>>& fleet_key_table() {
  static const std::vector<Key<FleetConfig>> table = fleet_keys();
  return table;
}

void check_ids(const FleetConfig& c, Problems& problems) {
  std::set<std::string> centers;
  for (std::size_t ci = 0; ci < c.centers.size(); ++ci) {
    const FleetCenter& center = c.centers[ci];
    std::string where = "centers[" + std::to_string(ci) + "]";
    if (!centers.insert(center.id).second) {
      problems.push_back(where + ".id: duplicate center id \"" + center.id + "\"");
    }
    std::set<std::string> nodes;
    for (std::size_t gi = 0; gi < center.nodes.size(); ++gi) {
      const FleetNodeGroup& group = center.nodes[gi];
      std::string key = where + ".nodes[" + std::to_string(gi) + "]";
      if (group.devices.empty() && group.cpus.empty() && group.declared.empty()) {
        problems.push_back(key +
                           ".devices: must list at least one device when cpus and declared list "
                           "none");
      }
      std::string last = fleet_node_id(group, group.count - 1);
      if (!is_valid_id(last)) {
        problems.push_back(key + ".prefix: node id \"" + last + "\" is not an id (" +
                           std::string(kIdPattern) + ")");
        continue;
      }
      for (int i = 0; i < group.count; ++i) {
        if (nodes.insert(fleet_node_id(group, i)).second) continue;
        problems.push_back(key + ".prefix: node id \"" + fleet_node_id(group, i) +
                           "\" repeats in center \"" + center.id + "\"");
        break;
      }
    }
  }
}

Problems finish_fleet(FleetConfig& c) {
  Problems problems = common_cross_checks(c);
  check_window_order(c, problems);
  check_ids(c, problems);
  std::uint64_t nodes = 0;
  for (const auto& center : c.centers) {
    for (const auto& group : center.nodes)
      nodes += static_cast<std::uint64_t>(group.count);
  }
  if (nodes == 0) problems.push_back("centers: must hold at least one node");
  auto per = static_cast<std::uint64_t>(c.nodes_per_connection);
  std::uint64_t needed = (nodes + per - 1) / per;
  if (needed > static_cast<std::uint64_t>(c.connections)) {
    problems.push_back("connections: " + std::to_string(nodes) + " nodes at " +
                       std::to_string(per) + " per connection need " + std::to_string(needed) +
                       ", got " + std::to_string(c.connections));
  }
  return problems;
}

}  // namespace

std::string fleet_node_id(const FleetNodeGroup& group, int index) {
  std::string number = std::to_string(index + 1);
  std::size_t width = std::max<std::size_t>(3, std::to_string(group.count).size());
  if (number.size() < width) number.insert(0, width - number.size(), '0');
  return group.prefix + "-" + number;
}

std::vector<KeyRule> fleet_rules() {
  return rules_of(fleet_key_table());
}

Expected<FleetConfig, Problems> load_fleet_config(const std::string& text,
                                                  const std::string& origin) {
  return load_config(text, origin, fleet_key_table(), finish_fleet, Mode::service);
}

Expected<FleetConfig, Problems> load_fleet_config_file(const std::string& path) {
  return load_config_file(path, fleet_key_table(), finish_fleet, Mode::service);
}

}  // namespace suanli::config
