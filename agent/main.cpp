// suanli-agent command line: the one translation unit of the agent that includes CLI11.
#include <malloc.h>

#include "agent/boot_counter.hpp"
#include "agent/http_uplink.hpp"
#include "agent/mqtt_uplink.hpp"
#include "agent/peak_catalog.hpp"
#include "agent/runtime.hpp"
#include "agent/tool_commands.hpp"
#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "config/command_line.hpp"
#include "config/logging.hpp"
#include "config/program.hpp"
#include "spdlog/spdlog.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/suanli/agent.json";

}  // namespace

int main(int argc, char** argv) {
  using namespace suanli;
  // One malloc arena for every thread. glibc's default is an arena per thread that allocates
  // (up to 8 per core), each holding tens of kB of touched memory; the agent's threads allocate
  // little and seldom, so they never wait long for the one arena.
  mallopt(M_ARENA_MAX, 1);
  CLI::App app{
      "suanli-agent: finds this node's accelerators and CPUs, knows their peak FLOPS, "
      "samples how busy they are and publishes it."};
  std::string config_path;
  bool check_config = false;
  bool list_devices = false;
  bool once = false;
  app.add_option(
      "--config", config_path,
      std::string("Config file (JSON; default ") + kDefaultConfig + " when running as a service)");
  app.add_flag("--check-config", check_config,
               "Validate the config, print the effective one, exit");
  app.add_flag("--list-devices", list_devices, "Print the birth message (inventory) as JSON, exit");
  auto* once_flag =
      app.add_flag("--once", once, "Sample for one window, print its data message as JSON, exit");
  int window_ms = static_cast<int>(agent::kOnceWindow.count());
  app.add_option("--window-ms", window_ms, "Length of the --once window")
      ->check(CLI::Range(100, 3600000))
      ->needs(once_flag)
      ->capture_default_str();
  if (auto done = parse_command_line(app, argc, argv, "suanli-agent")) return *done;

  bool tool = list_devices || once;
  config::Mode mode = tool && !check_config ? config::Mode::tool : config::Mode::service;
  if (config_path.empty() && (check_config || !tool)) config_path = kDefaultConfig;
  const auto backends = collectors::backend_specs();
  auto cfg = config_path.empty() ? config::load_agent_config("{}", "(defaults)", mode, backends)
                                 : config::load_agent_config_file(config_path, mode, backends);
  if (!cfg) return report_problems(cfg.error());
  auto catalog = agent::load_catalog(*cfg);
  if (!catalog) return report_problems({catalog.error()});
  if (check_config) return report_config_ok(config_path, config::agent_rules(backends));

  init_logging(cfg->log_level, "suanli-agent");
  auto shared_catalog = std::make_shared<const Catalog>(std::move(catalog).value());
  if (list_devices) return agent::list_devices(*cfg, shared_catalog, std::cout);
  if (once) {
    return agent::run_once(*cfg, shared_catalog, std::cout, std::chrono::milliseconds(window_ms));
  }
  auto boot = agent::next_boot(cfg->state_dir);
  if (!boot) {
    spdlog::error("state_dir: {}", boot.error().message);
    return boot.error().exit_code;
  }
  if (!boot->fallback.empty()) {
    spdlog::warn("state_dir: {}: boot {} is the current Unix time, above any boot counted before",
                 boot->fallback, boot->value);
  }
  // http.url set: the HTTP uplink replaces MQTT (the mqtt keys are then unused).
  auto uplink =
      cfg->http_url ? agent::make_http_uplink(*cfg) : agent::make_mqtt_uplink(*cfg, boot->value);
  if (!uplink) {
    spdlog::error("{}", uplink.error());
    return kExitFailure;
  }
  agent::Runtime runtime(*cfg, config_path, shared_catalog, boot->value, **uplink);
  return runtime.run();
}
