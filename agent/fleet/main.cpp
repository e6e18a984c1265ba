// suanli-sim command line: the one translation unit of the simulator that includes CLI11.
#include <iostream>

#include "agent/fleet/expected_capacity.hpp"
#include "agent/fleet/fleet_plan.hpp"
#include "agent/fleet/fleet_runner.hpp"
#include "config/command_line.hpp"
#include "config/fleet_config.hpp"
#include "config/logging.hpp"
#include "config/program.hpp"

int main(int argc, char** argv) {
  using namespace suanli;
  CLI::App app{
      "suanli-sim: many simulated nodes in one process (demos, load tests); each publishes "
      "what a suanli-agent with simulated devices would."};
  std::string config_path;
  bool check_config = false;
  bool print_expected = false;
  app.add_option("--config", config_path, "Fleet config file (JSON); required");
  app.add_flag("--check-config", check_config,
               "Validate the config, print the effective one, exit");
  app.add_flag("--print-expected", print_expected,
               "Print the fleet's installed TFLOPS per precision, per center and for the city, "
               "as JSON, exit");
  if (auto done = parse_command_line(app, argc, argv, "suanli-sim")) return *done;

  if (config_path.empty()) return report_problems({"--config: a fleet config file is required"});
  auto cfg = config::load_fleet_config_file(config_path);
  if (!cfg) return report_problems(cfg.error());
  auto catalog = Catalog::builtin();
  if (!catalog) return report_problems({"catalog: " + catalog.error()});
  auto nodes = fleet::plan_fleet(*cfg, *catalog);
  if (!nodes) return report_problems(nodes.error());
  if (check_config) return report_config_ok(config_path, config::fleet_rules());
  if (print_expected) {
    std::cout << fleet::expected_capacity_json(*nodes) << '\n';
    return kExitOk;
  }
  init_logging(cfg->log_level, "suanli-sim");
  return fleet::run_fleet(*cfg, std::move(nodes).value());
}
