// The fleet config, the plan built from it, the simulated nodes' messages and the example
// configs, in process.
#include "config/fleet_config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "agent/fleet/fleet_plan.hpp"
#include "agent/fleet/sim_node.hpp"
#include "collectors/registry.hpp"
#include "config/central_config.hpp"
#include "config/config_docs.hpp"
#include "config/ids.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

const std::string kFleetExample =
    std::string(SUANLI_SOURCE_DIR) + "/config/suzhou-fleet.example.json";
const std::string kCentralExample =
    std::string(SUANLI_SOURCE_DIR) + "/config/central.suzhou.example.json";

constexpr const char* kSmallFleet = R"({
  "publish_interval_ms": 2000, "sample_interval_ms": 500,
  "centers": [{"id": "sz-aicc", "district": "相城区",
               "nodes": [{"prefix": "gpu", "count": 2,
                          "devices": [{"model": "H100 SXM5 80GB", "count": 2},
                                      {"model": "910B", "count": 1}],
                          "cpus": [{"model": "AMD EPYC 9654 96-Core Processor", "cores": 96,
                                    "clock_mhz": 2400, "arch": "x86_avx2_fma"}]}]}]})";

config::FleetConfig load_ok(const std::string& text) {
  auto cfg = config::load_fleet_config(text, "fleet.json");
  EXPECT_TRUE(cfg.ok()) << (cfg.ok() ? "" : cfg.error().front());
  return cfg.ok() ? *cfg : config::FleetConfig{};
}

std::vector<std::string> problems_of(const std::string& text) {
  auto cfg = config::load_fleet_config(text, "fleet.json");
  EXPECT_FALSE(cfg.ok());
  return cfg.ok() ? std::vector<std::string>{} : cfg.error();
}

bool has_problem_starting(const std::vector<std::string>& problems, const std::string& prefix) {
  for (const auto& p : problems) {
    if (p.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(FleetConfig, NodeIdsAreNumberedFromOneWithAtLeastThreeDigits) {
  config::FleetNodeGroup group;
  group.prefix = "gpu-a";
  group.count = 12;
  EXPECT_EQ(config::fleet_node_id(group, 0), "gpu-a-001");
  EXPECT_EQ(config::fleet_node_id(group, 11), "gpu-a-012");
  group.count = 1500;
  EXPECT_EQ(config::fleet_node_id(group, 41), "gpu-a-0042");
}

TEST(FleetConfig, DefaultsAndValues) {
  auto cfg = load_ok(kSmallFleet);
  EXPECT_EQ(cfg.publish_interval_ms, 2000);
  EXPECT_EQ(cfg.nodes_per_connection, 1000);
  EXPECT_EQ(cfg.connections, 10);
  EXPECT_EQ(cfg.stop_after_windows, 0u);
  EXPECT_FALSE(cfg.rate_windows_per_s.has_value());
  ASSERT_EQ(cfg.centers.size(), 1u);
  ASSERT_EQ(cfg.centers[0].nodes.size(), 1u);
  EXPECT_EQ(cfg.centers[0].nodes[0].devices[1].model, "910B");
  EXPECT_EQ(cfg.centers[0].nodes[0].devices[1].count, 1);
}

TEST(FleetConfig, BadValuesAreNamedByKey) {
  auto problems = problems_of(R"({"nodes_per_connection": 0, "rate": {"windows_per_s": -1},
      "centers": [{"id": "Bad Id", "nodes": [{"prefix": "gpu", "devices": [{"model": 5}]}]}]})");
  EXPECT_TRUE(has_problem_starting(problems, "nodes_per_connection: ")) << problems.front();
  EXPECT_TRUE(has_problem_starting(problems, "rate.windows_per_s: "));
  EXPECT_TRUE(has_problem_starting(problems, "centers[0].id: "));
  EXPECT_TRUE(has_problem_starting(problems, "centers[0].nodes[0].devices[0].model: "));
}

TEST(FleetConfig, AMissingKeyInNestedArraysIsNamedWithEveryIndex) {
  auto problems = problems_of(R"({"centers": [{"id": "a", "nodes": [
      {"prefix": "n", "devices": [{"model": "910B"}]},
      {"prefix": "m", "devices": [{"model": "910B"}, {"count": 2}]}]}]})");
  EXPECT_TRUE(has_problem_starting(problems, "centers[0].nodes[1].devices[1].model: required"))
      << ::testing::PrintToString(problems);
}

TEST(FleetConfig, CentersAreRequired) {
  auto problems = problems_of("{}");
  EXPECT_TRUE(has_problem_starting(problems, "centers: "));
}

TEST(FleetConfig, TooFewConnectionsForTheNodes) {
  auto problems = problems_of(R"({"nodes_per_connection": 2, "connections": 2,
      "centers": [{"id": "a", "nodes": [{"prefix": "n", "count": 5,
                                         "devices": [{"model": "910B"}]}]}]})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "connections: 5 nodes at 2 per connection need 3, got 2");
}

TEST(FleetConfig, RepeatedIdsAreProblems) {
  auto problems = problems_of(R"({"centers": [
      {"id": "a", "nodes": [{"prefix": "n", "count": 2, "devices": [{"model": "910B"}]},
                            {"prefix": "n", "count": 1, "devices": [{"model": "910B"}]}]},
      {"id": "a", "nodes": [{"prefix": "m", "devices": [{"model": "910B"}]}]}]})");
  EXPECT_TRUE(has_problem_starting(problems, "centers[0].nodes[1].prefix: node id \"n-001\""));
  EXPECT_TRUE(has_problem_starting(problems, "centers[1].id: duplicate center id \"a\""));
}

TEST(FleetPlan, CpuArchMustBeACpuArchitecture) {
  auto cfg = load_ok(R"({"centers": [{"id": "a", "nodes": [{"prefix": "n", "cpus": [
      {"model": "X", "cores": 8, "clock_mhz": 2000, "arch": "sm_90"}]}]}]})");
  auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok());
  auto plan = fleet::plan_fleet(cfg, *catalog);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().at(0),
            "centers[0].nodes[0].cpus[0].arch: \"sm_90\" is not a CPU architecture");
}

TEST(FleetPlan, UnknownModelIsNamedByKey) {
  auto cfg = load_ok(R"({"centers": [{"id": "a", "nodes": [
      {"prefix": "n", "devices": [{"model": "910B"}, {"model": "Quantum Abacus 9000"}]}]}]})");
  auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok());
  auto plan = fleet::plan_fleet(cfg, *catalog);
  ASSERT_FALSE(plan.ok());
  ASSERT_EQ(plan.error().size(), 1u);
  EXPECT_EQ(plan.error()[0],
            "centers[0].nodes[0].devices[1].model: \"Quantum Abacus 9000\" is not in the catalog");
}

TEST(FleetPlan, NodesShareTheirGroupsInventoryAndHaveTheirOwnSeeds) {
  auto cfg = load_ok(kSmallFleet);
  auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok());
  auto plan = fleet::plan_fleet(cfg, *catalog);
  ASSERT_TRUE(plan.ok()) << plan.error().front();
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].node, "gpu-001");
  EXPECT_EQ((*plan)[1].node, "gpu-002");
  EXPECT_EQ((*plan)[0].inventory, (*plan)[1].inventory);
  EXPECT_NE((*plan)[0].seed, (*plan)[1].seed);
  const auto& inventory = *(*plan)[0].inventory;
  ASSERT_EQ(inventory.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(inventory[i].peak_source, PeakSource::catalog) << inventory[i].model;
  const wire::Device& cpu = inventory[3];
  EXPECT_EQ(cpu.id, "cpu-0");
  EXPECT_EQ(cpu.device_class, DeviceClass::cpu);
  EXPECT_EQ(cpu.peak_source, PeakSource::derived);
  // 96 cores x 2.4 GHz x 16 FP64 per clock (2 x 256-bit FMA)
  ASSERT_TRUE(cpu.peak_tflops[Precision::fp64].has_value());
  EXPECT_NEAR(*cpu.peak_tflops[Precision::fp64], 96 * 2400.0 * 16 / 1e6, 1e-9);
}

// Decodes a payload with the strict decoder, as central would.
wire::Message decode_ok(const fleet::SimNode& node, wire::Kind kind, const std::string& payload) {
  auto msg = wire::decode(wire::make_topic(node.center(), node.node(), kind), payload);
  EXPECT_TRUE(msg.ok()) << (msg.ok() ? "" : msg.error().message()) << "\n" << payload;
  return msg.ok() ? *msg : wire::Message{};
}

// The plan of a config that must plan.
std::vector<fleet::SimNodeSpec> plan_ok(const config::FleetConfig& cfg) {
  static const Catalog catalog = Catalog::builtin().value();
  auto plan = fleet::plan_fleet(cfg, catalog);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().front());
  return plan.ok() ? *plan : std::vector<fleet::SimNodeSpec>{};
}

TEST(SimNode, MessagesDecodeAndWindowsAreNumberedAndContiguous) {
  auto cfg = load_ok(kSmallFleet);
  const auto plan = plan_ok(cfg);
  ASSERT_FALSE(plan.empty());
  fleet::SimNode node(plan[0], cfg, 77, 1000);

  auto birth = std::get<wire::Birth>(decode_ok(node, wire::Kind::birth, node.birth_payload(1000)));
  EXPECT_EQ(birth.header.boot, 77u);
  EXPECT_EQ(birth.header.seq, 0u);
  EXPECT_EQ(birth.district, "相城区");
  EXPECT_EQ(birth.host.hostname, "gpu-001");
  EXPECT_EQ(birth.devices.size(), 4u);
  EXPECT_EQ(birth.interval_ms, 2000u);

  std::uint64_t start = 1000;
  for (std::uint64_t seq = 0; seq < 3; ++seq) {
    std::uint64_t end = start + 2000;
    auto msg = decode_ok(node, wire::Kind::data, node.next_window_payload(end));
    auto data = std::get<wire::Data>(msg);
    EXPECT_EQ(data.header.seq, seq);
    EXPECT_EQ(data.window.start_ms, start);
    EXPECT_EQ(data.window.end_ms, end);
    EXPECT_EQ(data.window.samples, 4u);  // 2000 ms / 500 ms
    EXPECT_EQ(data.totals.peak_tflops, birth.totals.peak_tflops);
    for (const auto& d : data.devices) {
      EXPECT_EQ(d.method, d.id == "cpu-0" ? Method::cpu_time : Method::busy_time);
      ASSERT_TRUE(d.activity_mean.has_value());
      EXPECT_GT(*d.activity_mean, 0.0);
    }
    EXPECT_TRUE(data.totals.achieved_tflops[Precision::fp16].has_value());
    start = end;
  }
  auto status =
      std::get<wire::Status>(decode_ok(node, wire::Kind::status, node.status_payload(false, 9)));
  EXPECT_FALSE(status.online);
  EXPECT_EQ(status.header.seq, 3u);  // the next window's
}

TEST(SimNode, EveryAcceleratorOfTheFleetHasItsOwnUuidAndCpusHaveNone) {
  auto cfg = load_ok(kSmallFleet);
  std::set<std::string> uuids;
  std::size_t accelerators = 0;
  for (const auto& spec : plan_ok(cfg)) {
    fleet::SimNode node(spec, cfg, 1, 1000);
    auto birth =
        std::get<wire::Birth>(decode_ok(node, wire::Kind::birth, node.birth_payload(1000)));
    for (const auto& d : birth.devices) {
      if (d.device_class == DeviceClass::cpu) {
        EXPECT_FALSE(d.uuid) << d.id;
        continue;
      }
      ++accelerators;
      ASSERT_TRUE(d.uuid) << spec.node << " " << d.id;
      uuids.insert(*d.uuid);
    }
  }
  EXPECT_EQ(accelerators, 6u);
  EXPECT_EQ(uuids.size(), accelerators);
  EXPECT_TRUE(uuids.contains("sim:sz-aicc/gpu-002/sim-2"));
}

TEST(SimNode, TheSuzhouQuantumCenterDeclaresAQuantumComputerHealthyWithoutFlops) {
  auto cfg = config::load_fleet_config_file(kFleetExample);
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  const auto plan = plan_ok(*cfg);
  auto spec =
      std::find_if(plan.begin(), plan.end(), [](const auto& n) { return n.center == "sz-qcyrd"; });
  ASSERT_NE(spec, plan.end());
  fleet::SimNode node(*spec, *cfg, 1, 1000);
  auto birth = std::get<wire::Birth>(decode_ok(node, wire::Kind::birth, node.birth_payload(1000)));
  ASSERT_EQ(birth.devices.size(), 1u);
  const wire::Device& qpu = birth.devices[0];
  EXPECT_EQ(qpu.device_class, DeviceClass::quantum);
  EXPECT_EQ(qpu.backend, "declared");
  EXPECT_EQ(qpu.model, "Tianyan-504");
  EXPECT_EQ(qpu.qubits, 504u);
  EXPECT_EQ(qpu.peak_source, PeakSource::config);
  EXPECT_TRUE(qpu.peak_tflops.empty());
  EXPECT_TRUE(birth.totals.peak_tflops.empty());
  auto data = std::get<wire::Data>(
      decode_ok(node, wire::Kind::data, node.next_window_payload(1000 + 10000)));
  ASSERT_EQ(data.devices.size(), 1u);
  EXPECT_TRUE(data.devices[0].healthy);
  EXPECT_EQ(data.devices[0].method, Method::none);
  EXPECT_TRUE(data.devices[0].achieved_tflops.empty());
}

TEST(SimNode, SameSeedSameWindows) {
  auto cfg = load_ok(kSmallFleet);
  const auto plan = plan_ok(cfg);
  ASSERT_EQ(plan.size(), 2u);
  fleet::SimNode a(plan[0], cfg, 1, 1000);
  fleet::SimNode b(plan[0], cfg, 1, 1000);
  fleet::SimNode other(plan[1], cfg, 1, 1000);
  auto wa = a.next_window_payload(3000);
  EXPECT_EQ(wa, b.next_window_payload(3000));
  EXPECT_NE(wa.substr(wa.find("\"devices\"")),
            other.next_window_payload(3000).substr(wa.find("\"devices\"")));
}

TEST(FleetExamples, SuzhouFleetIsValidAndPlansAFewHundredNodes) {
  auto cfg = config::load_fleet_config_file(kFleetExample);
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_TRUE(cfg->description.has_value());
  auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok());
  auto plan = fleet::plan_fleet(*cfg, *catalog);
  ASSERT_TRUE(plan.ok()) << plan.error().front();
  EXPECT_GE(plan->size(), 100u);
  EXPECT_LE(plan->size(), 1000u);
  for (const auto& node : *plan) {
    EXPECT_TRUE(is_valid_id(node.node)) << node.node;
    EXPECT_TRUE(node.district.has_value()) << node.center;
  }
}

TEST(FleetExamples, CentralSuzhouConfigNamesEveryFleetCenterInItsDistrict) {
  auto central = config::load_central_config_file(kCentralExample, config::Mode::service);
  ASSERT_TRUE(central.ok()) << central.error().front();
  EXPECT_EQ(central->centers.at("sz-qcyrd").compute_class, config::ComputeClass::quantum);
  EXPECT_EQ(central->centers.at("sz-qcyrd").name, "量子科技长三角产业创新中心");
  auto fleet = config::load_fleet_config_file(kFleetExample);
  ASSERT_TRUE(fleet.ok());
  for (const auto& center : fleet->centers) {
    ASSERT_TRUE(central->centers.contains(center.id)) << center.id;
    EXPECT_EQ(central->centers.at(center.id).district, center.district) << center.id;
  }
  std::set<std::string> names;
  for (const auto& [id, center] : central->centers)
    names.insert(center.name);
  for (const char* name :
       {"苏州市人工智能算力中心", "昆山智算中心", "国科智算中心", "苏州超级计算中心"})
    EXPECT_TRUE(names.contains(name)) << name;
  EXPECT_EQ(central->centers.at("sz-scc").compute_class, config::ComputeClass::supercomputing);
}

TEST(FleetDocs, EveryFleetKeyIsDocumented) {
  std::string md = config::configuration_markdown(collectors::backend_specs());
  EXPECT_NE(md.find("## suanli-sim"), std::string::npos);
  for (const auto& rule : config::fleet_rules()) {
    EXPECT_NE(md.find("| `" + std::string(rule.path) + "` |"), std::string::npos) << rule.path;
    EXPECT_FALSE(rule.description.empty()) << rule.path;
  }
}

}  // namespace
}  // namespace suanli
