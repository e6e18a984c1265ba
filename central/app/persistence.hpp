#pragma once

// Between the registry and the SQLite store: rebuilds the registry at start-up, and writes what
// changed (births, node states, reject counts, the minute's history rows) in one transaction per
// flush, about once a second.

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "central/core/registry.hpp"
#include "central/core/reject_counters.hpp"
#include "central/store/store.hpp"
#include "config/expected.hpp"

namespace suanli::central {

class Persistence {
 public:
  explicit Persistence(store::Store& store) : store_(store) {}

  // Rebuilds the registry from the stored births and node states; returns how many nodes.
  Expected<std::size_t> restore(Registry& registry, std::uint64_t now_ms);

  // A birth the registry applied, as received.
  void note_birth(const wire::Birth& birth, std::string payload, std::uint64_t now_ms);
  // A node whose state changed.
  void note_node(const NodeKey& node) { dirty_.insert(node); }

  // Writes what changed since the last flush, and the current minute's history rows (the last
  // flush of a minute wins). Failures are logged and counted; the changes are kept for the next.
  void flush(const Registry& registry, const RejectCounters& rejects, std::uint64_t now_ms);

  std::uint64_t errors() const { return errors_; }

 private:
  store::Store& store_;
  std::map<NodeKey, store::BirthRecord> births_;
  std::set<NodeKey> dirty_;
  std::map<std::string, std::uint64_t, std::less<>> rejects_written_;
  std::uint64_t errors_ = 0;
};

}  // namespace suanli::central
