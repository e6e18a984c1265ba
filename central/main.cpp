// suanli-central command line: the one translation unit of central that includes CLI11.
#include <chrono>
#include <iostream>

#include "central/app/central_service.hpp"
#include "central/report/backfill.hpp"
#include "central/report/report_command.hpp"
#include "config/central_config.hpp"
#include "config/command_line.hpp"
#include "config/logging.hpp"
#include "config/program.hpp"
#include "spdlog/spdlog.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/suanli/central.json";

std::int64_t wall_clock_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

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
  report::ReportCommand report_command;
  CLI::App* report_app = app.add_subcommand(
      "report", "Print the monthly report of GET /api/v1/report from a store file, offline");
  report_app->add_option("--month", report_command.month, "The month, YYYY-MM (UTC); required");
  report_app->add_option("--store", report_command.store_path, "The store file (read-only)")
      ->required();
  report_app->add_option("--format", report_command.format, "csv (the default) or html");
  report::BackfillCommand backfill_command;
  CLI::App* backfill_app = app.add_subcommand(
      "backfill",
      "Demo only: write SIMULATED history (marked as such) for the days before the store's first "
      "measured minute, from each scope's newest one");
  backfill_app->add_option("--store", backfill_command.store_path, "The store file")->required();
  backfill_app->add_option("--days", backfill_command.days, "Days to simulate")
      ->capture_default_str();
  if (auto done = parse_command_line(app, argc, argv, "suanli-central")) return *done;
  if (*backfill_app) return report::run_backfill_command(backfill_command, std::cout, std::cerr);
  if (*report_app) {
    return report::run_report_command(report_command, wall_clock_ms(), std::cout, std::cerr);
  }
  auto cfg = config::load_central_config_file(config_path, config::Mode::service);
  if (!cfg) return report_problems(cfg.error());
  if (check_config) {
    return report_config_ok(config_path, config::central_rules(),
                            [&] { return central::startup_file_problems(*cfg); });
  }

  init_logging(cfg->log_level, "suanli-central");
  return central::run_central(*cfg);
}
