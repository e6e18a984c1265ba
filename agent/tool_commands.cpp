#include "agent/tool_commands.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "agent/device_set.hpp"
#include "agent/host_info.hpp"
#include "agent/node_totals.hpp"
#include "agent/window.hpp"
#include "config/program.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::agent {
namespace {

// Center id of a tool run whose config names none (tool runs need no config file).
constexpr const char* kLocalCenter = "local";
constexpr std::chrono::milliseconds kOnceWindow{2000};

std::uint64_t now_ms() {
  using namespace std::chrono;
  return static_cast<std::uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

// Tool runs are not agent starts: they use boot 0 and seq 0 and leave state_dir alone.
wire::Header tool_header(const config::AgentConfig& cfg) {
  return {.center = cfg.center.value_or(kLocalCenter),
          .node = cfg.node,
          .boot = 0,
          .seq = 0,
          .ts_ms = now_ms()};
}

}  // namespace

int list_devices(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
                 std::ostream& out) {
  DeviceSet devices(cfg, std::move(catalog));
  devices.discover();
  wire::Birth birth;
  birth.header = tool_header(cfg);
  birth.host = read_host_info();
  birth.district = cfg.district;
  birth.interval_ms = static_cast<std::uint64_t>(cfg.publish_interval_ms);
  birth.sample_interval_ms = static_cast<std::uint64_t>(cfg.sample_interval_ms);
  birth.devices = devices.inventory();
  birth.totals = birth_totals(birth.devices);
  out << wire::encode(birth) << '\n';
  return kExitOk;
}

int run_once(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
             std::ostream& out) {
  using Clock = std::chrono::steady_clock;
  DeviceSet devices(cfg, std::move(catalog));
  devices.discover();
  WindowAccumulator window(devices.inventory());
  auto step = std::min(std::chrono::milliseconds(cfg.sample_interval_ms), kOnceWindow);
  auto start = Clock::now();
  wire::Data data;
  data.window.start_ms = now_ms();
  for (auto next = start; next <= start + kOnceWindow; next += step) {
    std::this_thread::sleep_until(next);
    window.add(devices.sample());
  }
  data.window.end_ms = now_ms();
  data.window.samples = window.samples();
  data.interval_ms = static_cast<std::uint64_t>(kOnceWindow.count());
  data.header = tool_header(cfg);
  data.devices = window.device_windows();
  data.totals = data_totals(devices.inventory(), data.devices);
  out << wire::encode(data) << '\n';
  return kExitOk;
}

int run_service(const config::AgentConfig&) {
  spdlog::error(
      "the agent service (windows, MQTT, spool) is not built yet; --list-devices, "
      "--once, --check-config and --version work");
  return kExitFailure;
}

}  // namespace suanli::agent
