#pragma once

// An SQLite connection owned by RAII. Every error comes back as a value whose message names the
// database file and carries SQLite's own words (and the system error, when there is one).

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "config/expected.hpp"

namespace suanli::store {

using Status = Expected<std::monostate>;

class Statement;

// "<file>: <what>: <SQLite message>[ (<system error>)]", for the connection `db` after result
// code `rc`.
std::string sqlite_error(sqlite3* db, int rc, std::string_view what);

class Database {
 public:
  // sqlite3_open_v2 with `flags` (SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE, ...).
  static Expected<Database> open(const std::string& path, int flags);

  Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() { close(); }

  sqlite3* get() const { return db_; }
  // The file as SQLite resolved it (absolute).
  std::string path() const;

  // Runs one or more statements that return no rows the caller needs.
  Status exec(std::string_view sql);
  Expected<Statement> prepare(std::string_view sql);
  // The first column of the first row of `sql`, as text ("" for NULL).
  Expected<std::string> query_text(std::string_view sql);
  Expected<std::int64_t> query_int(std::string_view sql);

  std::string error(int rc, std::string_view what) const { return sqlite_error(db_, rc, what); }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  void close();

  sqlite3* db_ = nullptr;
};

}  // namespace suanli::store
