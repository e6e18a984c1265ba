#pragma once

// A prepared SQLite statement owned by RAII, with bind, step and column helpers.
//
// One use: bind_all(...) (which resets the statement and clears old bindings first), then step()
// until it returns false, or run() for a statement that returns no rows. step() resets the
// statement when it is done or fails, so a statement never holds a read transaction open
// between uses.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "central/store/database.hpp"
#include "config/expected.hpp"

namespace suanli::store {

class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Parameters are numbered from 1.
  Status bind(int index, std::int64_t value);
  Status bind(int index, std::uint64_t value);  // stored as the same 64 bits, signed
  Status bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Status bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Status bind(int index, double value);
  Status bind(int index, std::string_view value);
  Status bind(int index, std::nullopt_t);
  template <class T>
  Status bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  // Resets the statement, clears its bindings and binds `values` to parameters 1, 2, ...
  template <class... Values>
  Status bind_all(const Values&... values) {
    reset();
    Status status = std::monostate{};
    int index = 0;
    ((status = status ? bind(++index, values) : status), ...);
    return status;
  }

  // true: a row is ready to read; false: done.
  Expected<bool> step();
  // Steps until done, for statements that return no rows.
  Status run();
  void reset();

  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::uint64_t uint64(int column) const { return static_cast<std::uint64_t>(int64(column)); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const {
    return is_null(column) ? std::nullopt : std::optional<std::int64_t>(int64(column));
  }
  // The column's value when it is a number (not NULL, not text).
  std::optional<double> optional_number(int column) const {
    int type = sqlite3_column_type(stmt_, column);
    if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) return std::nullopt;
    return real(column);
  }

 private:
  Status check_bind(int rc, int index);
  std::string error(int rc, std::string_view what) const;

  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace suanli::store
