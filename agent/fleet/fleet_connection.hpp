#pragma once

#include <mqtt/create_options.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "agent/fleet/sim_node.hpp"
#include "config/expected.hpp"
#include "config/fleet_config.hpp"

namespace suanli::fleet {

struct KindCounters {
  std::atomic<std::uint64_t> published{0};     // handed to Paho
  std::atomic<std::uint64_t> acknowledged{0};  // their PUBACKs
  std::atomic<std::uint64_t> failed{0};  // refused, lost with a connection, or unacked at exit
};

// Every publish is counted, so a load test can account for each message the broker took.
struct FleetCounters {
  KindCounters windows;
  KindCounters births;
  KindCounters statuses;
};

// When a connection publishes its k-th window: start + offset + k x period (period 0: as soon as
// a publish is allowed). Its windows go to its nodes in turn.
struct Pacing {
  std::chrono::nanoseconds offset{0};
  std::chrono::nanoseconds period{0};
};

// One MQTT client (Paho async) for several simulated nodes, on a thread of its own. After every
// connect it publishes retained status online and birth for each node; then data windows at
// QoS 1, at most max_in_flight unacknowledged. When `stop` is set or every node has published
// stop_after_windows windows, it publishes retained status offline for each node, waits a
// moment for the PUBACKs and disconnects. Its Last Will covers the first node's status only:
// the broker can hold one will per client. After a crash the other nodes keep their last
// retained status (online) and central marks them stale after 3 intervals without data.
// The options a connection's Paho client is created with (MQTT 5). Paho refuses a publish
// ("no more messages can be buffered") while maxBufferedMessages (100 by default, connected or
// not) of the client's publishes wait for its send thread; with more in flight a fast publisher
// lost births and windows. Every publish waiting there is in flight, so max_in_flight bounds it.
::mqtt::create_options paho_create_options(const config::FleetConfig& cfg);

class FleetConnection {
 public:
  FleetConnection(const config::FleetConfig& cfg, std::vector<SimNode> nodes, std::string client_id,
                  Pacing pacing, FleetCounters& counters, const std::atomic<bool>& stop);
  ~FleetConnection();
  FleetConnection(const FleetConnection&) = delete;
  FleetConnection& operator=(const FleetConnection&) = delete;

  // Creates the client and starts the thread; fails on connect options Paho rejects or files
  // that cannot be read (the message names the key).
  Expected<bool> start(std::chrono::steady_clock::time_point t0);
  void join();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::fleet
