#include "central/store/connection.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "central/store/schema.hpp"

namespace suanli::store {
namespace {

using Result = Expected<Database>;

Result switch_to_wal(Database db, const std::string& path) {
  auto mode = db.query_text("PRAGMA journal_mode = WAL");
  if (!mode) {
    // The first statement is the first read of the file: this is where a stranger shows.
    if ((sqlite3_errcode(db.get()) & 0xff) == SQLITE_NOTADB) {
      return Result::failure(path +
                             ": is not an SQLite database; move it away or set store.path to "
                             "another file");
    }
    return Result::failure(mode.error());
  }
  if (*mode != "wal") {
    return Result::failure(path + ": cannot switch to WAL (journal_mode stays " + *mode + ")");
  }
  return db;
}

// Why this process cannot create files in the directory of `path` (the database and its -wal
// and -shm files live there), or nullopt. When there is such a cause, it is the one to report:
// SQLite's own words may mislead (after a refused read-write open it retries read-only and
// reports that attempt's errno).
std::optional<std::string> directory_problem(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  struct stat st {};
  int err = 0;
  if (::stat(dir.c_str(), &st) != 0) {
    err = errno;
  } else if (!S_ISDIR(st.st_mode)) {
    err = ENOTDIR;
  } else if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    err = errno;
  }
  if (err == 0) return std::nullopt;
  return path + ": cannot use directory " + dir.string() + ": " + std::strerror(err) +
         "; it must exist and be writable by suanli-central";
}

Result open_and_migrate(const std::string& path) {
  auto db = Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db) return db;
  if (sqlite3_db_readonly(db->get(), "main") == 1) {
    return Result::failure(path + ": opened read-only; suanli-central must be able to write it");
  }
  sqlite3_busy_timeout(db->get(), kBusyTimeoutMs);
  auto wal = switch_to_wal(std::move(*db), path);
  if (!wal) return wal;
  auto pragmas = wal->exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
  if (!pragmas) return Result::failure(pragmas.error());
  auto migrated = migrate(*wal);
  if (!migrated) return Result::failure(migrated.error());
  return wal;
}

}  // namespace

Expected<Database> open_store_database(const std::string& path) {
  if (path.empty()) return Result::failure("store: the database path is empty");
  auto db = open_and_migrate(path);
  if (!db) return Result::failure(directory_problem(path).value_or(db.error()));
  return db;
}

}  // namespace suanli::store
