#include "central/store/read_only.hpp"

#include <utility>

#include "central/store/connection.hpp"
#include "central/store/schema.hpp"
#include "central/store/statement.hpp"

namespace suanli::store {
namespace {

constexpr std::string_view kSelectAnomaliesBetween =
    "SELECT kind, center, node, device, since_ms, ended_ms, detail FROM anomaly "
    "WHERE since_ms < ?2 AND (ended_ms IS NULL OR ended_ms >= ?1) "
    "ORDER BY since_ms, kind, center, node, device";
constexpr std::string_view kSelectSpans =
    "SELECT scope, min(ts_ms), max(ts_ms) FROM history WHERE simulated = 0 GROUP BY scope "
    "ORDER BY scope";

// Steps `s` (bound) to the end, calling read(s) for each row.
template <class Read>
Status each_row(Statement& s, Read read) {
  for (;;) {
    auto row = s.step();
    if (!row) return Status::failure(row.error());
    if (!*row) return std::monostate{};
    read(s);
  }
}

}  // namespace

Expected<Database> open_store_read_only(const std::string& path) {
  using Result = Expected<Database>;
  if (path.empty()) return Result::failure("store: the database path is empty");
  auto db = Database::open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!db) return db;
  sqlite3_busy_timeout(db->get(), kBusyTimeoutMs);
  auto version = db->query_int("PRAGMA user_version");
  if (!version) {
    if ((sqlite3_errcode(db->get()) & 0xff) == SQLITE_NOTADB) {
      return Result::failure(path + ": is not an SQLite database");
    }
    return Result::failure(version.error());
  }
  if (*version != kSchemaVersion) {
    return Result::failure(path + ": schema version " + std::to_string(*version) +
                           ", this build reads version " + std::to_string(kSchemaVersion) +
                           (*version < kSchemaVersion
                                ? "; start this build's suanli-central on it once to migrate it"
                                : "; use a newer suanli-central"));
  }
  return db;
}

Status scan_history(Database& db, std::int64_t from_ms, std::int64_t to_ms,
                    const std::vector<std::string>& json_paths,
                    const std::function<void(const ScannedMinute&)>& each) {
  std::string sql = "SELECT ts_ms, scope, simulated";
  for (std::size_t i = 0; i < json_paths.size(); ++i)
    sql += ", json_extract(totals_json, ?" + std::to_string(i + 3) + ")";
  sql += " FROM history WHERE ts_ms >= ?1 AND ts_ms < ?2 ORDER BY scope, ts_ms";
  auto statement = db.prepare(sql);
  if (!statement) return Status::failure(statement.error());
  auto bound = statement->bind_all(from_ms, to_ms);
  for (std::size_t i = 0; bound && i < json_paths.size(); ++i)
    bound = statement->bind(static_cast<int>(i + 3), std::string_view(json_paths[i]));
  if (!bound) return bound;
  ScannedMinute minute;
  return each_row(*statement, [&](const Statement& s) {
    minute.ts_ms = s.int64(0);
    minute.scope = s.text(1);
    minute.simulated = s.int64(2) != 0;
    minute.values.clear();
    for (std::size_t i = 0; i < json_paths.size(); ++i)
      minute.values.push_back(s.optional_number(static_cast<int>(i + 3)));
    each(minute);
  });
}

Expected<std::vector<AnomalyRecord>> anomalies_between(Database& db, std::int64_t from_ms,
                                                       std::int64_t to_ms) {
  using Result = Expected<std::vector<AnomalyRecord>>;
  auto statement = db.prepare(kSelectAnomaliesBetween);
  if (!statement) return Result::failure(statement.error());
  auto bound = statement->bind_all(from_ms, to_ms);
  if (!bound) return Result::failure(bound.error());
  std::vector<AnomalyRecord> rows;
  auto read = each_row(*statement, [&](const Statement& s) {
    rows.push_back({.kind = s.text(0),
                    .center = s.text(1),
                    .node = s.text(2),
                    .device = s.text(3),
                    .since_ms = s.int64(4),
                    .ended_ms = s.optional_int64(5),
                    .detail = s.text(6)});
  });
  if (!read) return Result::failure(read.error());
  return rows;
}

Expected<std::vector<ScopeSpan>> measured_scope_spans(Database& db) {
  using Result = Expected<std::vector<ScopeSpan>>;
  auto statement = db.prepare(kSelectSpans);
  if (!statement) return Result::failure(statement.error());
  std::vector<ScopeSpan> spans;
  auto read = each_row(*statement, [&](const Statement& s) {
    spans.push_back({.scope = s.text(0), .first_ms = s.int64(1), .last_ms = s.int64(2)});
  });
  if (!read) return Result::failure(read.error());
  return spans;
}

}  // namespace suanli::store
