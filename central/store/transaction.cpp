#include "central/store/transaction.hpp"

namespace suanli::store {

Expected<Transaction> Transaction::begin(Database& db) {
  auto begun = db.exec("BEGIN IMMEDIATE");
  if (!begun) return Expected<Transaction>::failure(begun.error());
  return Transaction(db);
}

Transaction::~Transaction() {
  // A failed statement may already have ended the transaction; ROLLBACK then fails harmlessly.
  if (db_ && !sqlite3_get_autocommit(db_->get())) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
  if (!db_) return Status::failure("commit: the transaction has already ended");
  auto committed = db_->exec("COMMIT");
  if (committed) db_ = nullptr;
  return committed;
}

}  // namespace suanli::store
