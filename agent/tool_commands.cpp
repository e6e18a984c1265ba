#include "agent/tool_commands.hpp"

#include <chrono>
#include <thread>

#include "agent/device_set.hpp"
#include "agent/messages.hpp"
#include "config/ids.hpp"
#include "config/program.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::agent {
namespace {

// Tool runs are not agent starts: they use boot 0 and seq 0 and leave state_dir alone.
wire::Header tool_header(const config::AgentConfig& cfg) {
  return {.center = cfg.center.value_or(std::string(kLocalCenter)),
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
  out << wire::encode(make_birth(cfg, tool_header(cfg), devices.inventory())) << '\n';
  return kExitOk;
}

int run_once(const config::AgentConfig& cfg, std::shared_ptr<const Catalog> catalog,
             std::ostream& out, std::chrono::milliseconds length) {
  using Clock = std::chrono::steady_clock;
  DeviceSet devices(cfg, std::move(catalog));
  devices.discover();
  WindowAccumulator window(devices.inventory());
  auto step = std::min(std::chrono::milliseconds(cfg.sample_interval_ms), length);
  WindowClock window_clock;
  auto start = Clock::now();
  window_clock.open(now_ms(), start);
  for (auto next = start; next <= start + length; next += step) {
    std::this_thread::sleep_until(next);
    window.add(devices.sample());
  }
  wire::Header header = tool_header(cfg);
  WindowSpan span = window_clock.close(header.ts_ms, Clock::now()).span;
  auto data = make_data(header, static_cast<std::uint64_t>(length.count()), span, window,
                        devices.inventory(), UplinkStats{});
  out << wire::encode(data) << '\n';
  return kExitOk;
}

}  // namespace suanli::agent
