#pragma once

#include <memory>
#include <string>

#include "agent/uplink.hpp"
#include "collectors/catalog/catalog.hpp"
#include "config/agent_config.hpp"

namespace suanli::agent {

// The long-running agent: one Boost.Asio event loop drives the window and discovery timers and
// the signals, and owns the window. The sample rounds are started by DeviceSet's vendor-call lane
// (agent/call_lane.hpp) on its own worker, which runs their vendor calls too, so that a round
// costs one thread wake-up; finished rounds wait for the window's close, so the main loop is not
// woken every sample. Discovery runs on a thread of its own while it lasts. SIGTERM/SIGINT: the
// open window is closed and sent, then the uplink stops (status offline). SIGHUP: the config file
// is read again; an invalid one is logged problem by problem and the agent goes on with the old
// one.
class Runtime {
 public:
  Runtime(config::AgentConfig cfg, std::string config_path, std::shared_ptr<const Catalog> catalog,
          std::uint64_t boot, Uplink& uplink);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Runs until SIGTERM or SIGINT; returns the exit status.
  int run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::agent
