#pragma once

// suanli-central's SQLite store: each node's last birth and state, the indicator history (a row
// per minute for the city and for each center) and the rejected-message counts. After a restart,
// central rebuilds its state from here and from the retained births.
//
// One file in WAL mode (the -wal and -shm files live beside it), synchronous=NORMAL: a committed
// write survives a crash of central (kill -9); a power cut may lose the last commits, never the
// file's integrity. Central batches its writes (write(Batch), about once a second), so one flush
// is one transaction.
//
// boot and seq are u64 on the wire; SQLite integers are signed 64-bit, so they are stored as the
// same 64 bits and come back unchanged.
//
// Thread safety: every member takes one mutex, so ingest and the HTTP API may share a Store.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "central/store/database.hpp"
#include "central/store/history_query.hpp"
#include "central/store/records.hpp"
#include "config/expected.hpp"

namespace suanli::store {

class Store {
 public:
  // Opens the database at `path`, creating the file (not its directory) when missing, and
  // migrates its schema. Errors name the file: a missing or unwritable directory, a read-only
  // file, a file that is not an SQLite database, a schema newer than this build knows.
  static Expected<Store> open(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::string& path() const;

  // All of `batch` in one transaction.
  Status write(const Batch& batch);

  // One-row conveniences; each is its own transaction.
  Status save_birth(const BirthRecord& birth);
  Status save_node_state(const NodeStateRecord& state);
  Status append_history(const HistoryRecord& record);
  Status add_rejects(const RejectCounts& rejects);
  Status delete_node(const NodeKey& node);

  Expected<std::vector<BirthRecord>> births() const;  // ordered by center, node
  // Each birth in turn, in that order, without holding them all (a city's are hundreds of MB).
  Status for_each_birth(const std::function<void(BirthRecord)>& each) const;
  Expected<std::vector<NodeStateRecord>> node_states() const;  // ordered by center, node
  Expected<RejectCounts> reject_counts() const;
  // Every anomaly recorded, oldest first.
  Expected<std::vector<AnomalyRecord>> anomalies() const;
  // Points of query.scope in [from_ms, to_ms], oldest first, one per step bucket (see
  // history_query.hpp for the buckets and the bound).
  Expected<std::vector<HistoryRecord>> history(const HistoryQuery& query) const;
  // The first and last minute stored for `scope`.
  Expected<HistorySpan> history_span(const std::string& scope) const;
  // The row of `scope` for the minute of `ts_ms`, if one was written.
  Expected<std::optional<HistoryRecord>> history_row(const std::string& scope,
                                                     std::int64_t ts_ms) const;
  // Whether a late window of `node` was folded into the minute of `ts_ms` before.
  Expected<bool> folded(const NodeKey& node, std::int64_t ts_ms) const;
  // Deletes history rows (and their folds) older than `older_than_ms`; returns how many rows.
  Expected<std::int64_t> prune_history(std::int64_t older_than_ms);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::store
