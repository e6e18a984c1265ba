#include "central/report/backfill.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <ostream>

#include "central/report/report_month.hpp"
#include "central/store/history_query.hpp"
#include "central/store/read_only.hpp"
#include "central/store/store.hpp"
#include "config/program.hpp"

namespace suanli::report {
namespace {

using nlohmann::json;

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kWeekMs = 7 * kDayMs;
constexpr std::int64_t kMaintenanceMs = 2 * 3'600'000;

void scale_numbers(json& j, double factor) {
  if (j.is_number()) {
    j = j.get<double>() * factor;
  } else if (j.is_structured()) {
    for (json& child : j)
      scale_numbers(child, factor);
  }
}

// A figure of a class's totals by its key: live, achieved (and by method), device counts (kept),
// or installed (installed, verified and their splits).
double factor_of_key(const std::string& key, const SimulatedFactors& f) {
  if (key.starts_with("live")) return f.live;
  if (key.starts_with("achieved")) return f.achieved;
  if (key.starts_with("devices")) return 1;
  return f.installed;
}

}  // namespace

SimulatedFactors simulated_factors(const std::string& scope, std::int64_t ts_ms,
                                   std::int64_t end_ms, std::int64_t span_ms) {
  SimulatedFactors f;
  const double before = static_cast<double>(end_ms - ts_ms) / static_cast<double>(span_ms);
  f.installed = 1.0 - 0.2 * std::clamp(before, 0.0, 1.0);
  f.live = f.installed;
  if (scope != store::kCityScope) {
    // Each center's maintenance starts at its own hour of the week.
    std::int64_t hour_of_week = 0;
    for (unsigned char c : scope)
      hour_of_week = (hour_of_week * 31 + c) % 168;
    const std::int64_t offset = hour_of_week * 3'600'000;
    const std::int64_t in_week = ((ts_ms - offset) % kWeekMs + kWeekMs) % kWeekMs;
    if (in_week < kMaintenanceMs) f.live = 0;
  }
  const double hour = static_cast<double>(ts_ms % kDayMs) / 3'600'000.0;
  const double day_curve = 0.7 + 0.3 * std::sin(2 * std::numbers::pi * (hour - 2) / 24);
  f.achieved = f.live * day_curve;
  return f;
}

store::HistoryRecord simulated_minute(const store::HistoryRecord& newest, const json& parsed,
                                      std::int64_t ts_ms, const SimulatedFactors& f) {
  json totals = parsed;
  if (totals.is_object() && totals["by_class"].is_object()) {
    for (json& figures : totals["by_class"]) {
      for (auto& [key, value] : figures.items())
        scale_numbers(value, factor_of_key(key, f));
    }
  }
  if (totals.is_object() && totals.contains("energy")) {
    const double power = f.live > 0 ? 0.4 + 0.6 * f.achieved / f.live : 0.05;
    for (const char* key : {"power_kw", "energy_kwh"}) {
      if (totals["energy"].contains(key)) scale_numbers(totals["energy"][key], power);
    }
  }
  return {.ts_ms = ts_ms,
          .scope = newest.scope,
          .headline = {.installed_pflops = newest.headline.installed_pflops * f.installed,
                       .live_pflops = newest.headline.live_pflops * f.live,
                       .achieved_pflops = newest.headline.achieved_pflops * f.achieved},
          .totals_json = totals.dump(),
          .simulated = true,
          .bucket_energy_kwh = std::nullopt};
}

int run_backfill_command(const BackfillCommand& command, std::ostream& out, std::ostream& err) {
  if (command.days < 1 || command.days > 366) {
    err << "--days: expected a number of days from 1 to 366\n";
    return kExitUsage;
  }
  auto db = store::open_store_read_only(command.store_path);
  if (!db) {
    err << "--store: " << db.error() << '\n';
    return kExitUsage;
  }
  auto spans = store::measured_scope_spans(*db);
  if (!spans) {
    err << "backfill: " << spans.error() << '\n';
    return kExitFailure;
  }
  if (spans->empty()) {
    err << "--store: " << command.store_path
        << ": no measured minute to start from; run suanli-central with its fleet first\n";
    return kExitUsage;
  }
  std::int64_t end_ms = spans->front().first_ms;
  for (const store::ScopeSpan& s : *spans)
    end_ms = std::min(end_ms, s.first_ms);
  const std::int64_t span_ms = command.days * kDayMs;
  auto store = store::Store::open(command.store_path);
  if (!store) {
    err << "--store: " << store.error() << '\n';
    return kExitUsage;
  }
  std::int64_t written = 0;
  for (const store::ScopeSpan& s : *spans) {
    auto newest = store->history_row(s.scope, s.last_ms);
    if (!newest || !*newest) continue;
    const json totals = json::parse((*newest)->totals_json, nullptr, false);
    for (std::int64_t day = end_ms - span_ms; day < end_ms; day += kDayMs) {
      store::Batch batch;
      for (std::int64_t t = day; t < std::min(day + kDayMs, end_ms); t += store::kMinuteMs)
        batch.history.push_back(
            simulated_minute(**newest, totals, t, simulated_factors(s.scope, t, end_ms, span_ms)));
      auto saved = store->write(batch);
      if (!saved) {
        err << "backfill: " << saved.error() << '\n';
        return kExitFailure;
      }
      written += static_cast<std::int64_t>(batch.history.size());
    }
  }
  out << "backfill: wrote " << written << " SIMULATED minutes for " << spans->size() << " scopes, "
      << utc_text(end_ms - span_ms) << " to " << utc_text(end_ms)
      << " (marked simulated in the store, history and reports)\n";
  return kExitOk;
}

}  // namespace suanli::report
