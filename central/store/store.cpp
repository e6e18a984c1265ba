#include "central/store/store.hpp"

#include <initializer_list>
#include <mutex>
#include <utility>

#include "central/store/connection.hpp"
#include "central/store/statement.hpp"
#include "central/store/transaction.hpp"

namespace suanli::store {
namespace {

constexpr std::string_view kSaveBirth =
    "INSERT OR REPLACE INTO node_birth (center, node, boot, received_ms, birth_json) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kSaveNodeState =
    "INSERT OR REPLACE INTO node_state (center, node, state, boot, highest_seq, last_data_ms, "
    "last_seen_ms, online, extra_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kSaveHistory =
    "INSERT OR REPLACE INTO history (ts_ms, scope, installed_pflops, live_pflops, "
    "achieved_pflops, totals_json, simulated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kAddRejects =
    "INSERT INTO reject_count (reason, count) VALUES (?1, ?2) "
    "ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count";
constexpr std::string_view kDeleteBirth = "DELETE FROM node_birth WHERE center = ?1 AND node = ?2";
constexpr std::string_view kDeleteNodeState =
    "DELETE FROM node_state WHERE center = ?1 AND node = ?2";
constexpr std::string_view kSelectBirths =
    "SELECT center, node, boot, received_ms, birth_json FROM node_birth ORDER BY center, node";
constexpr std::string_view kSelectNodeStates =
    "SELECT center, node, state, boot, highest_seq, last_data_ms, last_seen_ms, online, "
    "extra_json FROM node_state ORDER BY center, node";
constexpr std::string_view kSelectRejects = "SELECT reason, count FROM reject_count";
// SQLite takes the bare columns of a max() aggregate from the row holding the maximum: each
// bucket yields its last minute, and the sum of its minutes' energy.
constexpr std::string_view kSelectHistory =
    "SELECT max(ts_ms), installed_pflops, live_pflops, achieved_pflops, totals_json, simulated, "
    "sum(json_extract(totals_json, '$.energy.energy_kwh')) FROM history "
    "WHERE scope = ?1 AND ts_ms BETWEEN ?2 AND ?3 GROUP BY ts_ms / ?4 ORDER BY 1";
constexpr std::string_view kSelectHistorySpan =
    "SELECT min(ts_ms), max(ts_ms) FROM history WHERE scope = ?1";
constexpr std::string_view kSelectHistoryRow =
    "SELECT ts_ms, installed_pflops, live_pflops, achieved_pflops, totals_json, simulated "
    "FROM history "
    "WHERE scope = ?1 AND ts_ms = ?2";
constexpr std::string_view kSaveFold =
    "INSERT OR IGNORE INTO history_fold (ts_ms, center, node) VALUES (?1, ?2, ?3)";
constexpr std::string_view kSelectFold =
    "SELECT 1 FROM history_fold WHERE ts_ms = ?1 AND center = ?2 AND node = ?3";
constexpr std::string_view kSaveAnomaly =
    "INSERT OR REPLACE INTO anomaly (kind, center, node, device, since_ms, ended_ms, detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kSelectAnomalies =
    "SELECT kind, center, node, device, since_ms, ended_ms, detail FROM anomaly "
    "ORDER BY since_ms, kind, center, node, device";
constexpr std::string_view kPruneHistory = "DELETE FROM history WHERE ts_ms < ?1";
constexpr std::string_view kPruneFolds = "DELETE FROM history_fold WHERE ts_ms < ?1";

template <class Rows, class Write>
Status write_each(const Rows& rows, Write write) {
  for (const auto& row : rows) {
    auto written = write(row);
    if (!written) return written;
  }
  return std::monostate{};
}

// Runs `statement` (already bound) and collects read(statement) for every row.
template <class T, class Read>
Expected<std::vector<T>> collect(Statement& statement, Read read) {
  std::vector<T> rows;
  for (;;) {
    auto row = statement.step();
    if (!row) return Expected<std::vector<T>>::failure(row.error());
    if (!*row) return rows;
    rows.push_back(read(statement));
  }
}

// A row of kSelectHistory or kSelectHistoryRow.
HistoryRecord read_history(const Statement& s, const std::string& scope) {
  return HistoryRecord{.ts_ms = s.int64(0),
                       .scope = scope,
                       .headline = {.installed_pflops = s.real(1),
                                    .live_pflops = s.real(2),
                                    .achieved_pflops = s.real(3)},
                       .totals_json = s.text(4),
                       .simulated = s.int64(5) != 0,
                       .bucket_energy_kwh = std::nullopt};
}

template <class... Values>
Status run(Statement& statement, const Values&... values) {
  auto bound = statement.bind_all(values...);
  if (!bound) return bound;
  return statement.run();
}

}  // namespace

struct Store::Impl {
  std::string path;
  std::mutex mutex;
  Database db;
  Statement save_birth, save_node_state, save_history, add_rejects, delete_birth, delete_node_state,
      select_births, select_node_states, select_rejects, select_history, select_history_span,
      select_history_row, save_fold, select_fold, prune_history, prune_folds, save_anomaly,
      select_anomalies;

  Impl(std::string p, Database d) : path(std::move(p)), db(std::move(d)) {}

  Status prepare() {
    std::initializer_list<std::pair<Statement*, std::string_view>> all = {
        {&save_birth, kSaveBirth},
        {&save_node_state, kSaveNodeState},
        {&save_history, kSaveHistory},
        {&add_rejects, kAddRejects},
        {&delete_birth, kDeleteBirth},
        {&delete_node_state, kDeleteNodeState},
        {&select_births, kSelectBirths},
        {&select_node_states, kSelectNodeStates},
        {&select_rejects, kSelectRejects},
        {&select_history, kSelectHistory},
        {&select_history_span, kSelectHistorySpan},
        {&select_history_row, kSelectHistoryRow},
        {&save_fold, kSaveFold},
        {&select_fold, kSelectFold},
        {&prune_history, kPruneHistory},
        {&prune_folds, kPruneFolds},
        {&save_anomaly, kSaveAnomaly},
        {&select_anomalies, kSelectAnomalies}};
    for (const auto& [target, sql] : all) {
      auto prepared = db.prepare(sql);
      if (!prepared) return Status::failure(prepared.error());
      *target = std::move(*prepared);
    }
    return std::monostate{};
  }

  Status write_rows(const Batch& batch) {
    auto births = write_each(batch.births, [&](const BirthRecord& b) {
      return run(save_birth, std::string_view(b.center), std::string_view(b.node), b.boot,
                 b.received_ms, std::string_view(b.birth_json));
    });
    if (!births) return births;
    auto states = write_each(batch.node_states, [&](const NodeStateRecord& s) {
      return run(save_node_state, std::string_view(s.center), std::string_view(s.node),
                 std::string_view(s.state), s.boot, s.highest_seq, s.last_data_ms, s.last_seen_ms,
                 s.online, std::string_view(s.extra_json));
    });
    if (!states) return states;
    auto history = write_each(batch.history, [&](const HistoryRecord& h) {
      return run(save_history, minute_of(h.ts_ms), std::string_view(h.scope),
                 h.headline.installed_pflops, h.headline.live_pflops, h.headline.achieved_pflops,
                 std::string_view(h.totals_json), h.simulated);
    });
    if (!history) return history;
    auto folds = write_each(batch.folds, [&](const HistoryFold& f) {
      return run(save_fold, minute_of(f.ts_ms), std::string_view(f.node.center),
                 std::string_view(f.node.node));
    });
    if (!folds) return folds;
    auto rejects = write_each(batch.rejects, [&](const auto& reason_count) {
      return run(add_rejects, std::string_view(reason_count.first), reason_count.second);
    });
    if (!rejects) return rejects;
    auto anomalies = write_each(batch.anomalies, [&](const AnomalyRecord& a) {
      return run(save_anomaly, std::string_view(a.kind), std::string_view(a.center),
                 std::string_view(a.node), std::string_view(a.device), a.since_ms, a.ended_ms,
                 std::string_view(a.detail));
    });
    if (!anomalies) return anomalies;
    return write_each(batch.deleted_nodes, [&](const NodeKey& k) {
      auto birth = run(delete_birth, std::string_view(k.center), std::string_view(k.node));
      if (!birth) return birth;
      return run(delete_node_state, std::string_view(k.center), std::string_view(k.node));
    });
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Expected<Store> Store::open(const std::string& path) {
  auto db = open_store_database(path);
  if (!db) return Expected<Store>::failure(db.error());
  auto impl = std::make_unique<Impl>(path, std::move(*db));
  auto prepared = impl->prepare();
  if (!prepared) return Expected<Store>::failure(prepared.error());
  return Store(std::move(impl));
}

const std::string& Store::path() const {
  return impl_->path;
}

Status Store::write(const Batch& batch) {
  std::lock_guard lock(impl_->mutex);
  if (batch.empty()) return std::monostate{};
  auto transaction = Transaction::begin(impl_->db);
  if (!transaction) return Status::failure(transaction.error());
  auto written = impl_->write_rows(batch);
  if (!written) return written;
  return transaction->commit();
}

Status Store::save_birth(const BirthRecord& birth) {
  Batch batch;
  batch.births.push_back(birth);
  return write(batch);
}

Status Store::save_node_state(const NodeStateRecord& state) {
  Batch batch;
  batch.node_states.push_back(state);
  return write(batch);
}

Status Store::append_history(const HistoryRecord& record) {
  Batch batch;
  batch.history.push_back(record);
  return write(batch);
}

Status Store::add_rejects(const RejectCounts& rejects) {
  Batch batch;
  batch.rejects = rejects;
  return write(batch);
}

Status Store::delete_node(const NodeKey& node) {
  Batch batch;
  batch.deleted_nodes.push_back(node);
  return write(batch);
}

Status Store::for_each_birth(const std::function<void(BirthRecord)>& each) const {
  std::lock_guard lock(impl_->mutex);
  Statement& s = impl_->select_births;
  s.reset();
  for (;;) {
    auto row = s.step();
    if (!row) return Status::failure(row.error());
    if (!*row) return std::monostate{};
    each(BirthRecord{.center = s.text(0),
                     .node = s.text(1),
                     .boot = s.uint64(2),
                     .received_ms = s.int64(3),
                     .birth_json = s.text(4)});
  }
}

Expected<std::vector<BirthRecord>> Store::births() const {
  std::vector<BirthRecord> births;
  auto read = for_each_birth([&](BirthRecord b) { births.push_back(std::move(b)); });
  if (!read) return Expected<std::vector<BirthRecord>>::failure(read.error());
  return births;
}

Expected<std::vector<NodeStateRecord>> Store::node_states() const {
  std::lock_guard lock(impl_->mutex);
  impl_->select_node_states.reset();
  return collect<NodeStateRecord>(impl_->select_node_states, [](const Statement& s) {
    return NodeStateRecord{.center = s.text(0),
                           .node = s.text(1),
                           .state = s.text(2),
                           .boot = s.uint64(3),
                           .highest_seq = s.uint64(4),
                           .last_data_ms = s.optional_int64(5),
                           .last_seen_ms = s.int64(6),
                           .online = s.int64(7) != 0,
                           .extra_json = s.text(8)};
  });
}

Expected<std::vector<AnomalyRecord>> Store::anomalies() const {
  std::lock_guard lock(impl_->mutex);
  impl_->select_anomalies.reset();
  return collect<AnomalyRecord>(impl_->select_anomalies, [](const Statement& s) {
    return AnomalyRecord{.kind = s.text(0),
                         .center = s.text(1),
                         .node = s.text(2),
                         .device = s.text(3),
                         .since_ms = s.int64(4),
                         .ended_ms = s.optional_int64(5),
                         .detail = s.text(6)};
  });
}

Expected<RejectCounts> Store::reject_counts() const {
  std::lock_guard lock(impl_->mutex);
  impl_->select_rejects.reset();
  auto rows = collect<std::pair<std::string, std::uint64_t>>(
      impl_->select_rejects, [](const Statement& s) { return std::pair(s.text(0), s.uint64(1)); });
  if (!rows) return Expected<RejectCounts>::failure(rows.error());
  return RejectCounts(rows->begin(), rows->end());
}

Expected<std::vector<HistoryRecord>> Store::history(const HistoryQuery& query) const {
  using Result = Expected<std::vector<HistoryRecord>>;
  auto buckets = history_bucket_count(query);
  if (!buckets) return Result::failure(buckets.error());
  std::lock_guard lock(impl_->mutex);
  auto& select = impl_->select_history;
  auto bound =
      select.bind_all(std::string_view(query.scope), query.from_ms, query.to_ms, query.step_ms);
  if (!bound) return Result::failure(bound.error());
  return collect<HistoryRecord>(select, [&](const Statement& s) {
    HistoryRecord r = read_history(s, query.scope);
    if (!s.is_null(6)) r.bucket_energy_kwh = s.real(6);
    return r;
  });
}

Expected<HistorySpan> Store::history_span(const std::string& scope) const {
  using Result = Expected<HistorySpan>;
  std::lock_guard lock(impl_->mutex);
  auto& select = impl_->select_history_span;
  auto bound = select.bind_all(std::string_view(scope));
  if (!bound) return Result::failure(bound.error());
  auto rows = collect<HistorySpan>(select, [](const Statement& s) {
    return HistorySpan{.first_ms = s.optional_int64(0), .last_ms = s.optional_int64(1)};
  });
  if (!rows) return Result::failure(rows.error());
  return rows->empty() ? HistorySpan{} : rows->front();
}

Expected<std::optional<HistoryRecord>> Store::history_row(const std::string& scope,
                                                          std::int64_t ts_ms) const {
  using Result = Expected<std::optional<HistoryRecord>>;
  std::lock_guard lock(impl_->mutex);
  auto& select = impl_->select_history_row;
  auto bound = select.bind_all(std::string_view(scope), minute_of(ts_ms));
  if (!bound) return Result::failure(bound.error());
  auto rows =
      collect<HistoryRecord>(select, [&](const Statement& s) { return read_history(s, scope); });
  if (!rows) return Result::failure(rows.error());
  if (rows->empty()) return std::optional<HistoryRecord>();
  return std::optional<HistoryRecord>(std::move(rows->front()));
}

Expected<bool> Store::folded(const NodeKey& node, std::int64_t ts_ms) const {
  std::lock_guard lock(impl_->mutex);
  auto& select = impl_->select_fold;
  auto bound =
      select.bind_all(minute_of(ts_ms), std::string_view(node.center), std::string_view(node.node));
  if (!bound) return Expected<bool>::failure(bound.error());
  auto rows = collect<int>(select, [](const Statement&) { return 1; });
  if (!rows) return Expected<bool>::failure(rows.error());
  return !rows->empty();
}

Expected<std::int64_t> Store::prune_history(std::int64_t older_than_ms) {
  std::lock_guard lock(impl_->mutex);
  auto transaction = Transaction::begin(impl_->db);
  if (!transaction) return Expected<std::int64_t>::failure(transaction.error());
  auto pruned = run(impl_->prune_history, older_than_ms);
  if (!pruned) return Expected<std::int64_t>::failure(pruned.error());
  auto rows = static_cast<std::int64_t>(sqlite3_changes64(impl_->db.get()));
  auto folds = run(impl_->prune_folds, older_than_ms);
  if (!folds) return Expected<std::int64_t>::failure(folds.error());
  auto committed = transaction->commit();
  if (!committed) return Expected<std::int64_t>::failure(committed.error());
  return rows;
}

}  // namespace suanli::store
