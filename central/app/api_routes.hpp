#pragma once

// The routes of central's HTTP server: the API (docs/design.md, "HTTP API"), /metrics, /healthz,
// the dashboard, and the ingest endpoint of the agents' HTTP uplink (docs/protocol.md section 12).

#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "central/app/metrics.hpp"
#include "central/core/ingest.hpp"
#include "central/core/json_views.hpp"
#include "central/core/registry.hpp"
#include "central/http/router.hpp"
#include "central/store/store.hpp"
#include "config/ingest_tokens.hpp"

namespace suanli::central {

// What the routes read. The handlers run on the HTTP server's thread; those that read the
// registry, the ingest counters or the gauges hold a shared lock of state_lock (when set), which
// the service's writers take uniquely. ingest_message, refuse_message and on_identity_mismatch
// take their own lock: the ingest route calls them without one.
struct ApiContext {
  const Registry& registry;
  const Ingest& ingest;
  const store::Store& store;
  std::function<std::uint64_t()> now_ms;
  std::function<ServiceGauges()> gauges;
  // Called without the state lock (GET /healthz).
  std::function<HealthGauges()> health;
  // Applies one message as MQTT ingest would; returns whether it was accepted.
  std::function<bool(const std::string& topic, const std::string& payload)> ingest_message;
  // Counts (and logs) one message refused before ingest_message, as a reject of `reason`.
  std::function<void(const std::string& topic, std::string_view reason, const std::string& detail)>
      refuse_message;
  // A token posted a message of a center it may not post for; called after refuse_message, with
  // the message's center and node as sent (each cut to 64 characters). May be empty.
  std::function<void(const std::string& token_name, const std::string& center,
                     const std::string& node)>
      on_identity_mismatch;
  // The bearer tokens of POST /api/v1/ingest and their centers (the router keeps the secrets'
  // digests only); no ingest endpoint without one.
  std::vector<config::IngestToken> ingest_tokens;
  std::shared_mutex* state_lock = nullptr;
};

http::Router make_api_router(ApiContext context);

// GET /api/v1/nodes: center (an id), limit (1 to kMaxNodesPage, default kDefaultNodesPage), cursor
// (the next_cursor of the page before). Throws http::BadParameter.
NodesPage nodes_page_of(const http::Request& request);

}  // namespace suanli::central
