#include "central/store/statement.hpp"

namespace suanli::store {

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

std::string Statement::error(int rc, std::string_view what) const {
  const char* sql = sqlite3_sql(stmt_);
  return sqlite_error(sqlite3_db_handle(stmt_), rc,
                      std::string(what) + " \"" + (sql ? sql : "") + "\"");
}

Status Statement::check_bind(int rc, int index) {
  if (rc == SQLITE_OK) return std::monostate{};
  return Status::failure(error(rc, "bind parameter " + std::to_string(index) + " of"));
}

Status Statement::bind(int index, std::int64_t value) {
  return check_bind(sqlite3_bind_int64(stmt_, index, value), index);
}

Status Statement::bind(int index, std::uint64_t value) {
  return bind(index, static_cast<std::int64_t>(value));
}

Status Statement::bind(int index, double value) {
  return check_bind(sqlite3_bind_double(stmt_, index, value), index);
}

Status Statement::bind(int index, std::string_view value) {
  return check_bind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
}

Status Statement::bind(int index, std::nullopt_t) {
  return check_bind(sqlite3_bind_null(stmt_, index), index);
}

Expected<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt_);
    return false;
  }
  std::string message = error(rc, "step");
  sqlite3_reset(stmt_);
  return Expected<bool>::failure(std::move(message));
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return Status::failure(row.error());
    if (!*row) return std::monostate{};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  const unsigned char* bytes = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size))
               : std::string();
}

}  // namespace suanli::store
