#include "central/store/database.hpp"

#include <cstring>

#include "central/store/statement.hpp"

namespace suanli::store {
namespace {

std::string file_of(sqlite3* db) {
  const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
  return name && *name ? name : "(memory)";
}

template <class T, class Read>
Expected<T> first_column(Database& db, std::string_view sql, Read read) {
  auto statement = db.prepare(sql);
  if (!statement) return Expected<T>::failure(statement.error());
  auto row = statement->step();
  if (!row) return Expected<T>::failure(row.error());
  if (!*row) return Expected<T>::failure(db.path() + ": " + std::string(sql) + ": no row");
  T value = read(*statement);
  statement->reset();
  return value;
}

}  // namespace

std::string sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string text = file_of(db) + ": " + std::string(what) + ": ";
  text += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int system_errno = db ? sqlite3_system_errno(db) : 0;
  if (system_errno != 0) text += std::string(" (") + std::strerror(system_errno) + ")";
  return text;
}

Expected<Database> Database::open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  Database db(raw);  // sqlite3_open_v2 may hand back a connection even when it fails
  if (rc != SQLITE_OK) {
    std::string message = path + ": open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    int system_errno = raw ? sqlite3_system_errno(raw) : 0;
    if (system_errno != 0) message += std::string(" (") + std::strerror(system_errno) + ")";
    return Expected<Database>::failure(std::move(message));
  }
  return db;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

void Database::close() {
  // Every Statement must be finalized first; sqlite3_close_v2 defers the close until then anyway.
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

std::string Database::path() const {
  return file_of(db_);
}

Status Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // sqlite3_errmsg still has it
  if (rc != SQLITE_OK) return Status::failure(error(rc, text));
  return std::monostate{};
}

Expected<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  Statement statement(stmt);
  if (rc != SQLITE_OK) {
    return Expected<Statement>::failure(error(rc, "prepare \"" + std::string(sql) + "\""));
  }
  return statement;
}

Expected<std::string> Database::query_text(std::string_view sql) {
  return first_column<std::string>(*this, sql, [](const Statement& s) { return s.text(0); });
}

Expected<std::int64_t> Database::query_int(std::string_view sql) {
  return first_column<std::int64_t>(*this, sql, [](const Statement& s) { return s.int64(0); });
}

}  // namespace suanli::store
