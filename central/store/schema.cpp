#include "central/store/schema.hpp"

#include <array>
#include <string>
#include <string_view>

#include "central/store/transaction.hpp"

namespace suanli::store {
namespace {

// kMigrations[i] brings version i to version i + 1. Append; never edit a released one.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {
    R"sql(
CREATE TABLE node_birth (
  center      TEXT NOT NULL,
  node        TEXT NOT NULL,
  boot        INTEGER NOT NULL,
  received_ms INTEGER NOT NULL,
  birth_json  TEXT NOT NULL,
  PRIMARY KEY (center, node)
);
CREATE TABLE node_state (
  center       TEXT NOT NULL,
  node         TEXT NOT NULL,
  state        TEXT NOT NULL,
  boot         INTEGER NOT NULL,
  highest_seq  INTEGER NOT NULL,
  last_data_ms INTEGER,
  last_seen_ms INTEGER NOT NULL,
  online       INTEGER NOT NULL CHECK (online IN (0, 1)),
  extra_json   TEXT NOT NULL,
  PRIMARY KEY (center, node)
);
CREATE TABLE history (
  ts_ms            INTEGER NOT NULL,
  scope            TEXT NOT NULL,
  installed_pflops REAL NOT NULL,
  live_pflops      REAL NOT NULL,
  achieved_pflops  REAL NOT NULL,
  totals_json      TEXT NOT NULL,
  PRIMARY KEY (scope, ts_ms)
);
CREATE INDEX history_by_time ON history (ts_ms);
CREATE TABLE reject_count (
  reason TEXT PRIMARY KEY,
  count  INTEGER NOT NULL
);
)sql",
    // 1 -> 2: the (minute, node) pairs whose late windows were folded into history.
    R"sql(
CREATE TABLE history_fold (
  ts_ms  INTEGER NOT NULL,
  center TEXT NOT NULL,
  node   TEXT NOT NULL,
  PRIMARY KEY (ts_ms, center, node)
) WITHOUT ROWID;
)sql",
    // 2 -> 3: anomalies central found (central/core/anomalies.hpp), open while ended_ms is NULL.
    R"sql(
CREATE TABLE anomaly (
  kind     TEXT NOT NULL,
  center   TEXT NOT NULL,
  node     TEXT NOT NULL,
  device   TEXT NOT NULL,
  since_ms INTEGER NOT NULL,
  ended_ms INTEGER,
  detail   TEXT NOT NULL,
  PRIMARY KEY (kind, center, node, device, since_ms)
);
)sql",
    // 3 -> 4: history rows a backfill simulated (central/report/backfill.hpp), marked as such.
    R"sql(
ALTER TABLE history ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
)sql",
};

Status fail(const Database& db, const std::string& why) {
  return Status::failure(db.path() + ": " + why);
}

}  // namespace

Status migrate(Database& db) {
  // The version is read under the write lock, so two processes opening a new file at once do
  // not both migrate it.
  for (;;) {
    auto transaction = Transaction::begin(db);
    if (!transaction) return Status::failure(transaction.error());
    auto version = db.query_int("PRAGMA user_version");
    if (!version) return Status::failure(version.error());
    if (*version == kSchemaVersion) return std::monostate{};
    if (*version > kSchemaVersion) {
      return fail(db, "schema version " + std::to_string(*version) +
                          " is newer than this build of suanli-central knows (" +
                          std::to_string(kSchemaVersion) +
                          "); run a newer suanli-central or restore an older database");
    }
    if (*version < 0) return fail(db, "schema version " + std::to_string(*version) + " is invalid");
    auto applied = db.exec(kMigrations[static_cast<std::size_t>(*version)]);
    if (!applied) return applied;
    auto stamped = db.exec("PRAGMA user_version = " + std::to_string(*version + 1));
    if (!stamped) return stamped;
    auto committed = transaction->commit();
    if (!committed) return committed;
  }
}

}  // namespace suanli::store
