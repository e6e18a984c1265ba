#include "central/app/api_routes.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "central/app/history_route.hpp"
#include "central/app/report_route.hpp"
#include "central/core/anomalies.hpp"
#include "central/core/ingest_batch.hpp"
#include "central/core/json_views.hpp"
#include "central/core/summary_lists.hpp"
#include "central/http/bearer.hpp"
#include "central/http/prometheus.hpp"
#include "central/http/static_assets.hpp"
#include "config/ids.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/error.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

using http::json_error;
using http::Request;
using http::Response;
using nlohmann::json;

constexpr std::string_view kCenterIdForm = "the id of a center of GET /api/v1/centers";

Response ok(const json& body) {
  return Response::json(200, body.dump());
}

// A center or node as sent, for errors and the identity-mismatch callback: bounded, since it
// need not be an id.
constexpr std::size_t kMaxShownId = 64;
std::string bounded(std::string text) {
  if (text.size() > kMaxShownId) text.resize(kMaxShownId);
  return text;
}

// Only a center's own tokens speak for it: a batch with a message of another center is refused
// whole (403), each such message counted and reported. A message without a string center is left
// to the decoder, which rejects it.
std::optional<Response> refuse_foreign_centers(const ApiContext& ctx,
                                               const config::IngestToken& token,
                                               const std::vector<BatchMessage>& messages) {
  std::set<std::string> foreign;
  for (const BatchMessage& m : messages) {
    if (!m.center || std::ranges::find(token.centers, *m.center) != token.centers.end()) continue;
    std::string shown = json(bounded(*m.center)).dump();
    foreign.insert(shown);
    ctx.refuse_message(m.topic, kRejectIdentityMismatch,
                       "token " + token.name + " may not post for center " + shown);
    if (ctx.on_identity_mismatch) {
      ctx.on_identity_mismatch(token.name, bounded(*m.center), bounded(m.node.value_or("")));
    }
  }
  if (foreign.empty()) return std::nullopt;
  std::string centers;
  for (const std::string& c : foreign)
    centers += (centers.empty() ? "" : ", ") + c;
  return json_error(403, "token " + token.name + " may not post for center" +
                             (foreign.size() > 1 ? "s " : " ") + centers +
                             "; nothing of this batch was applied");
}

Response ingest_batch(const ApiContext& ctx, const config::IngestToken& token, const Request& r) {
  auto batch = parse_ingest_batch(r.body);
  if (!batch) {
    const BatchProblem& problem = batch.error();
    if (problem.reject) {
      ctx.refuse_message("POST /api/v1/ingest", wire::to_string(*problem.reject), problem.detail);
    }
    return json_error(400, problem.message);
  }
  if (auto refused = refuse_foreign_centers(ctx, token, *batch)) return *std::move(refused);
  std::size_t accepted = 0;
  for (const BatchMessage& m : *batch) {
    if (ctx.ingest_message(m.topic, m.payload)) ++accepted;
  }
  return Response::json(
      200, json{{"accepted", accepted}, {"rejected", batch->size() - accepted}}.dump());
}

// The tokens' secrets, moved out: the routes keep their names and centers, the bearer check only
// their digests.
std::vector<std::string> take_secrets(std::vector<config::IngestToken>& tokens) {
  std::vector<std::string> secrets;
  for (config::IngestToken& t : tokens)
    secrets.push_back(std::exchange(t.secret, {}));
  return secrets;
}

// The handler under a shared lock of the service's state (ApiContext::state_lock).
template <class Handler>
auto reading(std::shared_ptr<ApiContext> ctx, Handler handler) {
  return [ctx = std::move(ctx), handler = std::move(handler)](const Request& r) {
    std::shared_lock<std::shared_mutex> lk;
    if (ctx->state_lock != nullptr) lk = std::shared_lock(*ctx->state_lock);
    return handler(r);
  };
}

json ingest_stats(const ServiceGauges& g) {
  return {{"queue", g.ingest.queue},
          {"queue_capacity", g.ingest.queue_capacity},
          {"queue_bytes", g.ingest.queue_bytes},
          {"queue_bytes_capacity", g.ingest.queue_bytes_capacity},
          {"queue_high_water", g.ingest.queue_high_water},
          {"messages_total", g.ingest_stages.messages_total},
          {"stage_ns_total",
           {{"queue_wait", g.ingest_stages.queue_wait_ns},
            {"decode", g.ingest_stages.decode_ns},
            {"apply", g.ingest_stages.apply_ns}}}};
}

}  // namespace

NodesPage nodes_page_of(const Request& r) {
  NodesPage page;
  page.center = r.query_param("center");
  if (page.center && !is_valid_id(*page.center)) {
    throw http::BadParameter("center", "not a center id", std::string(kCenterIdForm));
  }
  if (auto text = r.query_param("limit")) {
    std::size_t limit = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 ||
        limit > kMaxNodesPage) {
      throw http::BadParameter("limit", "not an integer from 1 to " + std::to_string(kMaxNodesPage),
                               "an integer from 1 to " + std::to_string(kMaxNodesPage));
    }
    page.limit = limit;
  }
  if (auto cursor = r.query_param("cursor")) {
    page.after = parse_node_cursor(*cursor);
    if (!page.after) {
      throw http::BadParameter("cursor", "not a cursor of this API",
                               "the next_cursor of the page before");
    }
  }
  return page;
}

http::Router make_api_router(ApiContext context) {
  auto ctx = std::make_shared<ApiContext>(std::move(context));
  http::Router router;
  router.get("/healthz", [ctx](const Request&) {
    const HealthGauges g = ctx->health();
    json body = {{"status", g.store_write_error ? "degraded" : "ok"},
                 {"mqtt_connected", g.mqtt_connected},
                 {"store_errors_total", g.store_errors_total}};
    if (!g.store_write_error) return ok(body);
    body["reason"] = "store: cannot write: " + *g.store_write_error;
    return Response::json(503, body.dump());
  });
  router.get("/api/v1/indicator", reading(ctx, [ctx](const Request&) {
               return ok(indicator_json(ctx->registry, ctx->now_ms()));
             }));
  router.get("/api/v1/centers",
             reading(ctx, [ctx](const Request&) { return ok(centers_json(ctx->registry)); }));
  router.get("/api/v1/centers/{id}", reading(ctx, [ctx](const Request& r) {
               auto center = center_json(ctx->registry, r.path_param("id").value_or(""));
               return center ? ok(*center) : json_error(404, "no such center");
             }));
  router.get("/api/v1/nodes", reading(ctx, [ctx](const Request& r) {
               try {
                 const NodesPage page = nodes_page_of(r);
                 if (page.center && !center_ids(ctx->registry).contains(*page.center)) {
                   throw http::BadParameter("center", "no center " + *page.center + " is known",
                                            std::string(kCenterIdForm));
                 }
                 return ok(nodes_json(ctx->registry, page));
               } catch (const http::BadParameter& e) {
                 return e.response();
               }
             }));
  router.get("/api/v1/stats", reading(ctx, [ctx](const Request&) {
               json stats = stats_json(ctx->ingest, ctx->registry);
               ServiceGauges g = ctx->gauges();
               stats["mqtt_connected"] = g.health.mqtt_connected;
               stats["store_errors_total"] = g.health.store_errors_total;
               stats["ingest_queue"] = g.ingest.queue;
               stats["ingest"] = ingest_stats(g);
               stats["indicator_publishes_total"] = g.indicator_publishes_total;
               json folds = {{"dropped", g.history_folds_dropped}};
               for (std::size_t i = 0; i < kFoldOutcomeCount; ++i)
                 folds[std::string(to_string(static_cast<FoldOutcome>(i)))] = g.history_folds[i];
               stats["history_folds"] = std::move(folds);
               json refused = json::object();
               for (std::size_t i = 0; i < http::kRefusalKinds; ++i)
                 refused[std::string(http::to_string(static_cast<http::Refusal>(i)))] =
                     g.http_connections.refused[i];
               stats["http"] = {{"connections_open", g.http_connections.open},
                                {"clients", g.http_connections.clients},
                                {"connections_refused", std::move(refused)}};
               return ok(stats);
             }));
  router.get("/api/v1/anomalies", reading(ctx, [ctx](const Request&) {
               return ok(anomalies_json(current_anomalies(ctx->registry, ctx->now_ms())));
             }));
  router.get("/api/v1/history",
             reading(ctx, [ctx](const Request& r) { return history_response(*ctx, r); }));
  router.get("/api/v1/report", [ctx](const Request& r) {
    return report_response(ctx->store.path(), r, ctx->now_ms());
  });
  router.get("/metrics", reading(ctx, [ctx](const Request&) {
               auto text = metrics_text(ctx->registry, ctx->ingest, ctx->gauges(), ctx->now_ms());
               if (!text) return json_error(500, text.error());
               return Response::text(200, std::move(*text),
                                     std::string(http::kPrometheusContentType));
             }));
  if (!ctx->ingest_tokens.empty()) {
    router.post("/api/v1/ingest",
                http::require_bearer(http::BearerTokens(take_secrets(ctx->ingest_tokens)),
                                     [ctx](const Request& r, std::size_t token) {
                                       return ingest_batch(*ctx, ctx->ingest_tokens[token], r);
                                     }));
  }
  router.get("/api/v1/openapi.json", [](const Request& r) {
    // The document is an embedded asset (central/http/assets/openapi.json); its absence is a build
    // defect, answered 500 by the router.
    return http::asset_response(r, http::find_asset("openapi.json").value());
  });
  http::add_asset_routes(router);
  return router;
}

}  // namespace suanli::central
