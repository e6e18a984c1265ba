#pragma once

// Between the registry and the SQLite store: rebuilds the registry at start-up, and writes what
// changed (births, node states, reject counts, the minute's history rows with their energy, late
// windows folded into past minutes, anomalies that opened or closed) in one transaction per flush,
// about once a second.

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "central/app/anomaly_log.hpp"
#include "central/core/energy_meter.hpp"
#include "central/core/history_fold.hpp"
#include "central/core/registry.hpp"
#include "central/core/reject_counters.hpp"
#include "central/store/store.hpp"
#include "config/expected.hpp"

namespace suanli::central {

class Persistence {
 public:
  // `birth_batch`: how many stored births a restart decodes at once
  // (central/app/stored_births.hpp).
  explicit Persistence(store::Store& store, std::size_t birth_batch = 4096)
      : store_(store), birth_batch_(birth_batch) {}

  // Rebuilds the registry from the stored births and node states, and the energy of the minute
  // central stopped in when it restarts within it; returns how many nodes.
  Expected<std::size_t> restore(Registry& registry, Instant now);

  // A birth the registry applied, as received.
  void note_birth(const wire::Birth& birth, std::string payload, std::uint64_t now_ms);
  // A node whose state changed.
  void note_node(const NodeKey& node) { dirty_.insert(node); }
  // A window that entered history only (hist, or data older than the newest live window): folded
  // into the rows of the minutes it covers once they are closed (central/core/history_fold.hpp).
  void note_late_window(const Registry& registry, const wire::Data& window, std::uint64_t now_ms);

  // Writes what changed since the last flush, and the current minute's history rows (the last
  // flush of a minute wins). Failures are logged and counted; the changes are kept for the next.
  void flush(const Registry& registry, const RejectCounters& rejects, std::uint64_t now_ms) {
    Prepared prepared = prepare(registry, rejects, now_ms);
    const store::Status written = store_.write(prepared.batch);
    finish(std::move(prepared), written);
  }

  // flush() in steps, so that SQLite is written outside the registry's lock: prepare() under it,
  // store::Store::write(batch) outside it, finish() under it again. One flush at a time.
  struct Prepared {
    store::Batch batch;
    std::set<NodeKey> dirty;  // taken from dirty_ (births_ is taken into batch.births)
    std::size_t folds_handled = 0;
    std::vector<FoldOutcome> fold_outcomes;
    std::map<std::string, std::uint64_t, std::less<>> rejects;  // the counts being written
  };
  Prepared prepare(const Registry& registry, const RejectCounters& rejects, std::uint64_t now_ms);
  // After the write: on success the changes are done with, on failure they wait for the next.
  void finish(Prepared prepared, const store::Status& written);

  std::uint64_t errors() const { return errors_; }
  // Why the last flush failed; nothing once one succeeds again (or before the first).
  const std::optional<std::string>& write_error() const { return write_error_; }
  // (minute, node) pairs by what folding them did; dropped: left out because too many waited.
  struct FoldCounts {
    std::array<std::uint64_t, kFoldOutcomeCount> by_outcome{};
    std::uint64_t dropped = 0;
  };
  const FoldCounts& folds() const { return folds_; }
  // The energy integrated at each flush; its minutes go into the history rows.
  const EnergyMeter& energy() const { return energy_; }

  static constexpr std::size_t kMaxPendingFolds = 100'000;

 private:
  struct PendingFold {
    NodeKey node;
    std::uint64_t minute_ms = 0;
    Contribution with_window;
  };
  // Folds the pending windows whose minutes have closed into `batch`; returns how many of
  // pending_ (a prefix, once sorted) it handled and what each did.
  std::size_t fold_closed_minutes(const Registry& registry, std::uint64_t now_ms,
                                  store::Batch& batch, std::vector<FoldOutcome>& outcomes);

  void resume_energy(const Registry& registry, std::uint64_t now_ms);

  // Whether the center may have a history row this minute: at most summary.max_centers centers
  // get one per minute, so that a listing that changes within the minute cannot add more.
  bool center_row_allowed(const std::string& center, std::size_t max_centers, std::uint64_t now_ms);

  store::Store& store_;
  std::size_t birth_batch_;
  std::uint64_t rows_minute_ = 0;
  std::set<std::string> rows_centers_;  // centers with a row in minute rows_minute_
  std::map<NodeKey, store::BirthRecord> births_;
  std::set<NodeKey> dirty_;
  std::map<std::string, std::uint64_t, std::less<>> rejects_written_;
  std::uint64_t errors_ = 0;
  std::optional<std::string> write_error_;
  std::uint64_t failed_in_a_row_ = 0;
  std::vector<PendingFold> pending_;
  FoldCounts folds_;
  AnomalyLog anomalies_;
  EnergyMeter energy_;
};

}  // namespace suanli::central
