#include "agent/fleet/fleet_runner.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "agent/fleet/fleet_connection.hpp"
#include "agent/messages.hpp"
#include "config/program.hpp"

namespace suanli::fleet {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

void install_stop_handlers() {
  struct sigaction action = {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

// Windows per second of the whole fleet; 0 = unpaced.
double fleet_rate(const config::FleetConfig& cfg, std::size_t nodes) {
  if (cfg.rate_windows_per_s) return *cfg.rate_windows_per_s;
  return static_cast<double>(nodes) * 1000.0 / cfg.publish_interval_ms;
}

Pacing pacing_of(double fleet_rate, std::size_t fleet_nodes, std::size_t nodes,
                 std::size_t connection, std::size_t connections) {
  if (fleet_rate <= 0) return {};
  double rate = fleet_rate * static_cast<double>(nodes) / static_cast<double>(fleet_nodes);
  auto period = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / rate));
  return {period * static_cast<std::int64_t>(connection) / static_cast<std::int64_t>(connections),
          period};
}

std::string client_id(const config::FleetConfig& cfg, std::size_t index) {
  std::string base = cfg.mqtt.client_id.value_or("suanli-sim-" + std::to_string(getpid()));
  return base + "-" + std::to_string(index);
}

}  // namespace

int run_fleet(const config::FleetConfig& cfg, std::vector<SimNodeSpec> specs) {
  install_stop_handlers();
  const std::uint64_t boot = agent::now_ms() / 1000;
  const std::size_t total = specs.size();
  const auto per = static_cast<std::size_t>(cfg.nodes_per_connection);
  const std::size_t count = (total + per - 1) / per;
  const double rate = fleet_rate(cfg, total);

  FleetCounters counters;
  std::vector<std::unique_ptr<FleetConnection>> connections;
  for (std::size_t c = 0; c < count; ++c) {
    std::vector<SimNode> nodes;
    for (std::size_t i = c * per; i < std::min(total, (c + 1) * per); ++i)
      nodes.emplace_back(std::move(specs[i]), cfg, boot, agent::now_ms());
    auto pacing = pacing_of(rate, total, nodes.size(), c, count);
    connections.push_back(std::make_unique<FleetConnection>(
        cfg, std::move(nodes), client_id(cfg, c), pacing, counters, g_stop));
  }
  spdlog::info("{} nodes on {} connections, boot {}, {:.1f} windows/s (0: unpaced)", total, count,
               boot, rate);

  const auto t0 = Clock::now();
  int status = kExitOk;
  for (auto& connection : connections) {
    if (auto started = connection->start(t0); !started) {
      spdlog::error("{}", started.error());
      g_stop.store(true);
      status = kExitFailure;
      break;
    }
  }
  for (auto& connection : connections)
    connection->join();
  connections.clear();
  double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  std::uint64_t acknowledged = counters.windows.acknowledged.load();
  std::ostringstream report;
  report << std::fixed << "suanli-sim: nodes " << total << ", windows published "
         << counters.windows.published.load() << ", acknowledged " << acknowledged << ", failed "
         << counters.windows.failed.load() << ", elapsed " << std::setprecision(3) << elapsed
         << " s, rate " << std::setprecision(1)
         << (elapsed > 0 ? static_cast<double>(acknowledged) / elapsed : 0.0)
         << " windows/s; births published " << counters.births.published.load() << ", acknowledged "
         << counters.births.acknowledged.load() << ", failed " << counters.births.failed.load()
         << "; statuses published " << counters.statuses.published.load() << ", acknowledged "
         << counters.statuses.acknowledged.load() << ", failed " << counters.statuses.failed.load()
         << "\n";
  std::cerr << report.str();
  return status;
}

}  // namespace suanli::fleet
