#include "agent/messages.hpp"

#include <chrono>

#include "agent/host_info.hpp"
#include "agent/node_totals.hpp"

namespace suanli::agent {

std::uint64_t now_ms() {
  using namespace std::chrono;
  return static_cast<std::uint64_t>(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

wire::Birth make_birth(const config::AgentConfig& cfg, const wire::Header& header,
                       const std::vector<wire::Device>& inventory) {
  wire::Birth birth;
  birth.header = header;
  birth.host = read_host_info();
  birth.district = cfg.district;
  birth.interval_ms = static_cast<std::uint64_t>(cfg.publish_interval_ms);
  birth.sample_interval_ms = static_cast<std::uint64_t>(cfg.sample_interval_ms);
  birth.devices = inventory;
  birth.totals = birth_totals(inventory);
  return birth;
}

wire::Data make_data(const wire::Header& header, std::uint64_t interval_ms, WindowSpan span,
                     const WindowAccumulator& window, const std::vector<wire::Device>& inventory,
                     const UplinkStats& stats) {
  wire::Data data;
  data.header = header;
  data.interval_ms = interval_ms;
  data.window.start_ms = span.start_ms;
  data.window.end_ms = span.end_ms;
  data.window.samples = window.samples();
  data.devices = window.device_windows();
  data.totals = data_totals(inventory, data.devices);
  data.dropped_total = stats.dropped_total;
  data.spool.depth = stats.spool_depth;
  data.spool.bytes = stats.spool_bytes;
  data.publish_latency_ms = stats.last_publish_latency_ms;
  data.spool_faults = stats.spool_faults;
  return data;
}

}  // namespace suanli::agent
