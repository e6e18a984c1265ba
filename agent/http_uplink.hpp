#pragma once

#include <memory>

#include "agent/uplink.hpp"
#include "config/agent_config.hpp"
#include "config/expected.hpp"

namespace suanli::agent {

// The HTTP uplink (docs/protocol.md, "HTTP uplink"): every window goes to the disk spool
// (STATE_DIR/spool) first and leaves it when a POST of a batch holding it is answered 2xx. After
// start and after every failure, status online and birth are POSTed first; then each batch holds
// the live windows as `data`, then the backlog (what the spool held before) as `hist`, oldest
// first, at most spool.replay_per_s a second. Failures back off with jitter
// (http.retry_min_ms .. http.retry_max_ms). All HTTP work runs on the uplink's own thread.
// Fails when http.token_file cannot be read, libcurl cannot be loaded or the spool cannot be
// opened.
Expected<std::unique_ptr<Uplink>> make_http_uplink(const config::AgentConfig& cfg);

}  // namespace suanli::agent
