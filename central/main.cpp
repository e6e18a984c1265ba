// suanli-central command line: the one translation unit of central that includes CLI11.
#include "central/app/central_service.hpp"
#include "config/central_config.hpp"
#include "config/command_line.hpp"
#include "config/logging.hpp"
#include "config/program.hpp"
#include "spdlog/spdlog.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/suanli/central.json";

}  // namespace

int main(int argc, char** argv) {
  using namespace suanli;
  CLI::App app{
      "suanli-central: keeps the registry of compute centers and the city's "
      "compute-scale indicator."};
  std::string config_path = kDefaultConfig;
  bool check_config = false;
  app.add_option("--config", config_path, "Config file (JSON)")->capture_default_str();
  app.add_flag("--check-config", check_config,
               "Validate the config, print the effective one, exit");
  if (auto done = parse_command_line(app, argc, argv, "suanli-central")) return *done;
  auto cfg = config::load_central_config_file(config_path, config::Mode::service);
  if (!cfg) return report_problems(cfg.error());
  if (check_config) {
    return report_config_ok(config_path, config::central_rules(),
                            [&] { return central::startup_file_problems(*cfg); });
  }

  init_logging(cfg->log_level, "suanli-central");
  return central::run_central(*cfg);
}
