#include "central/app/history_route.hpp"

#include <nlohmann/json.hpp>

#include "central/app/history_energy.hpp"
#include "central/app/history_params.hpp"
#include "central/core/history_fold.hpp"
#include "central/core/summary_lists.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

json figure_json(const std::optional<double>& pflops) {
  return pflops ? json(*pflops) : json(nullptr);
}

struct Figures {
  std::optional<double> installed, live, achieved;
};

// The figures of the requested class and precision in one stored minute. A row whose totals do
// not parse keeps only its headline columns: known for the headline, unknown for the rest.
Figures figures_of(const json& totals, const store::HistoryRecord& row, const HistoryParams& p,
                   const CoreSettings& s) {
  std::optional<Contribution> c;
  if (totals.is_object() && totals.contains("by_class")) {
    c = contribution_from_by_class_json(totals["by_class"]);
  }
  if (c) {
    const Totals t = p.compute_class ? c->of(*p.compute_class) : c->total();
    return {to_pflops(t.installed[p.precision]), to_pflops(t.live[p.precision]),
            to_pflops(t.achieved[p.precision])};
  }
  if (p.compute_class == s.headline_class && p.precision == s.headline_precision) {
    return {row.headline.installed_pflops, row.headline.live_pflops, row.headline.achieved_pflops};
  }
  return {};
}

json point_json(const store::HistoryRecord& row, const HistoryParams& p, const CoreSettings& s) {
  const json totals = json::parse(row.totals_json, nullptr, false);  // once for every field
  const Figures f = figures_of(totals, row, p, s);
  json point = {{"ts_ms", row.ts_ms},
                {"installed_pflops", figure_json(f.installed)},
                {"live_pflops", figure_json(f.live)},
                {"achieved_pflops", figure_json(f.achieved)}};
  point.update(history_energy_fields(totals, row));
  if (row.simulated) point["simulated"] = true;
  return point;
}

json optional_ms(const std::optional<std::int64_t>& ms) {
  return ms ? json(*ms) : json(nullptr);
}

// A center scope names a center central knows now or one with stored minutes.
void require_known_scope(const ApiContext& ctx, const std::string& scope,
                         const store::HistorySpan& span) {
  if (scope == store::kCityScope || span.first_ms) return;
  const std::string center = scope.substr(scope.find(':') + 1);
  if (center_ids(ctx.registry).contains(center)) return;
  throw http::BadParameter("scope", "no center " + center + " is known",
                           "city or center:<id> with the id of a center of GET /api/v1/centers");
}

}  // namespace

http::Response history_response(const ApiContext& ctx, const http::Request& r) {
  const CoreSettings& s = ctx.registry.settings();
  HistoryParams p;
  store::HistorySpan span;
  try {
    p = history_params_of(r, ctx.now_ms(), s);
    auto stored = ctx.store.history_span(p.query.scope);
    if (!stored) return http::json_error(500, stored.error());
    span = *stored;
    require_known_scope(ctx, p.query.scope, span);
  } catch (const http::BadParameter& e) {
    return e.response();
  }
  auto rows = ctx.store.history(p.query);
  if (!rows) return http::json_error(500, rows.error());
  json points = json::array();
  for (const auto& row : *rows)
    points.push_back(point_json(row, p, s));
  json out = {{"v", 1},
              {"scope", p.query.scope},
              {"class", history_class_name(p.compute_class)},
              {"precision", to_string(p.precision)},
              {"from_ms", p.query.from_ms},
              {"to_ms", p.query.to_ms},
              {"step_ms", p.query.step_ms},
              {"first_ms", optional_ms(span.first_ms)},
              {"last_ms", optional_ms(span.last_ms)},
              {"points", std::move(points)}};
  return http::Response::json(200, out.dump());
}

}  // namespace suanli::central
