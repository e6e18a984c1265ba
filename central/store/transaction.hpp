#pragma once

// BEGIN IMMEDIATE ... COMMIT, rolled back by the destructor unless committed.

#include "central/store/database.hpp"
#include "config/expected.hpp"

namespace suanli::store {

class Transaction {
 public:
  // BEGIN IMMEDIATE: takes the write lock now (waiting up to the busy timeout), so a transaction
  // that has begun never fails later for want of it.
  static Expected<Transaction> begin(Database& db);

  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status commit();

 private:
  explicit Transaction(Database& db) : db_(&db) {}

  Database* db_ = nullptr;  // null once committed or rolled back
};

}  // namespace suanli::store
