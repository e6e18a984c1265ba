#include "central/app/persistence.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "central/app/stored_births.hpp"
#include "central/core/json_views.hpp"
#include "central/core/snapshot.hpp"
#include "central/core/units.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

// Written for every node that sent a window since the last flush (thousands a second at city
// scale): extra_json is formatted directly, as nlohmann's dump() would write it.
store::NodeStateRecord to_record(const NodeRecord& r) {
  StoredNodeState s = stored_state_of(r);
  store::NodeStateRecord rec;
  rec.center = std::move(s.center);
  rec.node = std::move(s.node);
  rec.state = std::string(to_string(r.state));
  rec.boot = s.boot;
  rec.highest_seq = s.last_seq.value_or(0);
  if (s.last_data_ms) rec.last_data_ms = static_cast<std::int64_t>(*s.last_data_ms);
  rec.last_seen_ms = static_cast<std::int64_t>(s.last_seen_ms);
  rec.online = s.status_online;
  rec.extra_json = fmt::format(R"({{"has_last_seq":{},"interval_ms":{}}})", s.last_seq.has_value(),
                               s.interval_ms);
  return rec;
}

StoredNodeState from_record(const store::NodeStateRecord& rec) {
  json extra = json::parse(rec.extra_json, nullptr, false);
  if (!extra.is_object()) extra = json::object();
  StoredNodeState s;
  s.center = rec.center;
  s.node = rec.node;
  s.boot = rec.boot;
  if (extra.value("has_last_seq", false)) s.last_seq = rec.highest_seq;
  s.interval_ms = extra.value("interval_ms", std::uint64_t{0});
  if (rec.last_data_ms) s.last_data_ms = static_cast<std::uint64_t>(*rec.last_data_ms);
  s.last_seen_ms = static_cast<std::uint64_t>(rec.last_seen_ms);
  s.status_online = rec.online;
  return s;
}

store::HistoryRecord history_row(const CoreSettings& s, std::int64_t ts_ms, std::string scope,
                                 const Contribution& c, json totals) {
  const Totals& t = c.of(s.headline_class);
  return {.ts_ms = ts_ms,
          .scope = std::move(scope),
          .headline = {.installed_pflops = to_pflops(t.installed[s.headline_precision]),
                       .live_pflops = to_pflops(t.live[s.headline_precision]),
                       .achieved_pflops = to_pflops(t.achieved[s.headline_precision])},
          .totals_json = totals.dump(),
          .bucket_energy_kwh = std::nullopt};
}

// What a fold corrects of a stored row: its figures, and its energy when it has one.
struct RowFigures {
  Contribution figures;
  std::optional<MinuteEnergy> energy;

  RowFigures& operator+=(const Contribution& delta) {
    figures += delta;
    if (energy) energy->add_folded(delta.total().power);
    return *this;
  }
  json totals() const {
    json j{{"by_class", by_class_json(figures)}};
    if (energy) j["energy"] = minute_energy_json(*energy);
    return j;
  }
};

// The figures of a stored row, or nullopt when its JSON is not one central wrote.
std::optional<RowFigures> row_figures(const store::HistoryRecord& row) {
  json totals = json::parse(row.totals_json, nullptr, false);
  if (!totals.is_object() || !totals.contains("by_class")) return std::nullopt;
  auto figures = contribution_from_by_class_json(totals["by_class"]);
  if (!figures) return std::nullopt;
  return RowFigures{*figures, minute_energy_from_json(totals.value("energy", json()))};
}

// The energy the store holds for `scope` in the minute of `ts_ms`, if any.
std::optional<MinuteEnergy> stored_energy(const store::Store& store, const std::string& scope,
                                          std::int64_t ts_ms) {
  auto row = store.history_row(scope, store::minute_of(ts_ms));
  if (!row || !*row) return std::nullopt;
  json totals = json::parse((*row)->totals_json, nullptr, false);
  if (!totals.is_object()) return std::nullopt;
  return minute_energy_from_json(totals.value("energy", json()));
}

}  // namespace

void Persistence::resume_energy(const Registry& registry, std::uint64_t now_ms) {
  const auto ts = static_cast<std::int64_t>(now_ms);
  std::map<std::string, MinuteEnergy> centers;
  for (const auto& [id, agg] : registry.indicator().centers()) {
    if (auto e = stored_energy(store_, store::center_scope(id), ts)) centers.emplace(id, *e);
  }
  energy_.resume(static_cast<std::uint64_t>(store::minute_of(ts)),
                 stored_energy(store_, store::city_scope(), ts), centers);
}

// Each node with its birth as the births stream in, then those without one. A node without a
// birth claims no device identity, so restoring it last changes nothing for the others.
Expected<std::size_t> Persistence::restore(Registry& registry, Instant now) {
  auto states = store_.node_states();
  if (!states) return Expected<std::size_t>::failure(states.error());
  auto anomalies = store_.anomalies();
  if (!anomalies) return Expected<std::size_t>::failure(anomalies.error());
  anomalies_.resume(*anomalies);
  std::map<NodeKey, std::size_t> state_of;  // index in *states
  for (std::size_t i = 0; i < states->size(); ++i)
    state_of.emplace(NodeKey{(*states)[i].center, (*states)[i].node}, i);
  std::vector<bool> restored(states->size(), false);
  auto read = decode_stored_births(store_, birth_batch_, [&](std::vector<StoredBirth>& batch) {
    for (auto& [key, birth] : batch) {
      auto it = state_of.find(key);
      if (it == state_of.end()) continue;
      if (!birth) {
        spdlog::warn("store: the stored birth of {}/{} no longer decodes; waiting for a new one",
                     key.first, key.second);
      }
      registry.restore(std::move(birth), from_record((*states)[it->second]), now);
      restored[it->second] = true;
    }
  });
  if (!read) return Expected<std::size_t>::failure(read.error());
  for (std::size_t i = 0; i < states->size(); ++i) {
    if (!restored[i]) registry.restore(std::nullopt, from_record((*states)[i]), now);
  }
  resume_energy(registry, now.wall_ms);
  return states->size();
}

void Persistence::note_birth(const wire::Birth& birth, std::string payload, std::uint64_t now_ms) {
  NodeKey key{birth.header.center, birth.header.node};
  births_[key] = {.center = key.first,
                  .node = key.second,
                  .boot = birth.header.boot,
                  .received_ms = static_cast<std::int64_t>(now_ms),
                  .birth_json = std::move(payload)};
  dirty_.insert(key);
}

void Persistence::note_late_window(const Registry& registry, const wire::Data& window,
                                   std::uint64_t now_ms) {
  const std::vector<std::uint64_t> minutes = fold_minutes(window.window);
  if (minutes.empty()) return;
  if (window.window.start_ms < kDatedFromMs) {
    folds_.by_outcome[static_cast<std::size_t>(FoldOutcome::undated)] += minutes.size();
    return;
  }
  const NodeRecord* node = registry.find(window.header.center, window.header.node);
  if (node == nullptr) {
    folds_.by_outcome[static_cast<std::size_t>(FoldOutcome::unknown)] += minutes.size();
    return;
  }
  Contribution with_window = contribution_with_window(registry, *node, window);
  for (std::uint64_t minute : minutes) {
    if (pending_.size() >= kMaxPendingFolds || minute > now_ms + kMaxFoldedWindowMs) {
      ++folds_.dropped;
      continue;
    }
    pending_.push_back({{node->center, node->node}, minute, with_window});
  }
}

std::size_t Persistence::fold_closed_minutes(const Registry& registry, std::uint64_t now_ms,
                                             store::Batch& batch,
                                             std::vector<FoldOutcome>& outcomes) {
  auto closed_end = std::stable_partition(pending_.begin(), pending_.end(), [&](const auto& p) {
    return p.minute_ms + kHistoryMinuteMs <= now_ms;
  });
  const auto closed = static_cast<std::size_t>(closed_end - pending_.begin());
  // The rows being corrected, by (minute, scope), with their figures.
  std::map<std::pair<std::int64_t, std::string>, RowFigures> rows;
  std::set<std::pair<std::int64_t, NodeKey>> folded_now;

  // Loads the row into `rows`; false when there is none (or it cannot be read).
  auto load = [&](std::int64_t ts, const std::string& scope) {
    if (rows.contains({ts, scope})) return true;
    auto row = store_.history_row(scope, ts);
    if (!row) spdlog::error("store: {}", row.error());
    if (!row || !*row) return false;
    std::optional<RowFigures> figures = row_figures(**row);
    if (!figures) return false;
    rows.emplace(std::pair(ts, scope), *figures);
    return true;
  };
  auto fold_one = [&](const PendingFold& p) {
    const NodeRecord* node = registry.find(p.node.first, p.node.second);
    if (node == nullptr) return FoldOutcome::unknown;
    FoldCorrection correction = fold_correction(registry, *node, p.with_window, p.minute_ms);
    if (correction.outcome != FoldOutcome::folded) return correction.outcome;
    const auto ts = static_cast<std::int64_t>(p.minute_ms);
    auto before = store_.folded({p.node.first, p.node.second}, ts);
    if (!before) {
      spdlog::error("store: {}", before.error());
      return FoldOutcome::no_row;
    }
    if (*before || folded_now.contains({ts, p.node})) return FoldOutcome::repeated;
    const std::string city = store::city_scope();
    const std::string center = store::center_scope(p.node.first);
    if (!load(ts, city) || !load(ts, center)) return FoldOutcome::no_row;
    rows[{ts, city}] += correction.delta;
    rows[{ts, center}] += correction.delta;
    folded_now.insert({ts, p.node});
    batch.folds.push_back({.ts_ms = ts, .node = {p.node.first, p.node.second}});
    return FoldOutcome::folded;
  };

  for (std::size_t i = 0; i < closed; ++i)
    outcomes.push_back(fold_one(pending_[i]));
  for (const auto& [key, figures] : rows) {
    batch.history.push_back(
        history_row(registry.settings(), key.first, key.second, figures.figures, figures.totals()));
  }
  return closed;
}

bool Persistence::center_row_allowed(const std::string& center, std::size_t max_centers,
                                     std::uint64_t now_ms) {
  const std::uint64_t minute = now_ms / kHistoryMinuteMs;
  if (minute != rows_minute_) {
    rows_minute_ = minute;
    rows_centers_.clear();
  }
  if (rows_centers_.contains(center)) return true;
  if (rows_centers_.size() >= max_centers) return false;
  rows_centers_.insert(center);
  return true;
}

Persistence::Prepared Persistence::prepare(const Registry& registry, const RejectCounters& rejects,
                                           std::uint64_t now_ms) {
  Prepared p;
  store::Batch& batch = p.batch;
  p.folds_handled = fold_closed_minutes(registry, now_ms, batch, p.fold_outcomes);
  for (auto& [key, rec] : births_)
    batch.births.push_back(std::move(rec));
  births_.clear();
  p.dirty.swap(dirty_);
  for (const auto& key : p.dirty) {
    if (const NodeRecord* r = registry.find(key.first, key.second))
      batch.node_states.push_back(to_record(*r));
  }
  for (const auto& [reason, n] : rejects.by_reason()) {
    p.rejects[reason] = n;
    auto written = rejects_written_.find(reason);
    std::uint64_t before = written == rejects_written_.end() ? 0 : written->second;
    if (n > before) batch.rejects[reason] = n - before;
  }
  energy_.observe(registry.indicator(), now_ms);
  HistorySnapshot snap = snapshot_for_history(registry, now_ms);
  json totals = snapshot_json(snap);
  totals["city"]["energy"] = minute_energy_json(energy_.city_minute());
  for (const auto& [center, c] : snap.centers)
    totals["centers"][center]["energy"] = minute_energy_json(energy_.center_minute(center));
  auto ts = static_cast<std::int64_t>(now_ms);
  const CoreSettings& s = registry.settings();
  batch.history.push_back(history_row(s, ts, store::city_scope(), snap.city, totals["city"]));
  for (const auto& [center, c] : snap.centers) {
    if (!center_row_allowed(center, s.summary_max_centers, now_ms)) continue;
    batch.history.push_back(
        history_row(s, ts, store::center_scope(center), c, totals["centers"][center]));
  }
  anomalies_.record(current_anomalies(registry, now_ms), now_ms, batch);
  return p;
}

void Persistence::finish(Prepared p, const store::Status& written) {
  if (!written) {
    ++errors_;
    ++failed_in_a_row_;
    // Once per failure episode (and when the reason changes), not once a second.
    if (write_error_ != written.error()) spdlog::error("store: {}", written.error());
    write_error_ = written.error();
    // Kept for the next flush; a birth noted since is newer.
    for (store::BirthRecord& rec : p.batch.births)
      births_.try_emplace(NodeKey{rec.center, rec.node}, std::move(rec));
    dirty_.merge(p.dirty);
    return;
  }
  if (write_error_) {
    spdlog::info("store: writing again after {} failed flushes", failed_in_a_row_);
    write_error_.reset();
    failed_in_a_row_ = 0;
  }
  anomalies_.commit();
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(p.folds_handled));
  for (FoldOutcome o : p.fold_outcomes)
    ++folds_.by_outcome[static_cast<std::size_t>(o)];
  for (auto& [reason, n] : p.rejects)
    rejects_written_[reason] = n;
}

}  // namespace suanli::central
