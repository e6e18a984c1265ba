#include <grp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "central/store/schema.hpp"
#include "tests/central/store/store_samples.hpp"
#include "tests/support/process.hpp"

namespace suanli::store {
namespace {

using test::open_or_throw;
using test::require;

constexpr uid_t kNobody = 65534;

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

Database open_raw(const std::string& path, int flags) {
  auto db = Database::open(path, flags);
  if (!db) throw std::runtime_error(db.error());
  return std::move(*db);
}

// Store::open(path)'s error ("" when it opens) for a user who may not write where the test's user
// may not: this process, or when it runs as root (who may write anywhere), a child process that
// has become user nobody.
std::string open_error_without_root(const std::string& path) {
  if (geteuid() != 0) {
    auto store = Store::open(path);
    return store ? "" : store.error();
  }
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string message = "could not become nobody";
    if (setgroups(0, nullptr) == 0 && setgid(kNobody) == 0 && setuid(kNobody) == 0) {
      auto store = Store::open(path);
      message = store ? "" : store.error();
    }
    bool sent =
        write(fds[1], message.data(), message.size()) == static_cast<ssize_t>(message.size());
    _exit(sent ? 0 : 1);
  }
  close(fds[1]);
  std::string message;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    message.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("child failed");
  return message;
}

class StoreOpen : public ::testing::Test {
 protected:
  suanli::test::TempDir tmp;
  std::string path = tmp.path() + "/central.db";
};

TEST_F(StoreOpen, CreatesTheFileInWalModeWithTheCurrentSchemaVersion) {
  ASSERT_FALSE(std::filesystem::exists(path));
  Store store = open_or_throw(path);
  require(store.save_birth(test::sample_birth(1)));
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));

  Database raw = open_raw(path, SQLITE_OPEN_READONLY);
  auto mode = raw.query_text("PRAGMA journal_mode");
  require(mode);
  EXPECT_EQ(*mode, "wal");
  auto version = raw.query_int("PRAGMA user_version");
  require(version);
  EXPECT_EQ(*version, kSchemaVersion);
}

TEST_F(StoreOpen, ReopeningAMigratedFileKeepsItsVersion) {
  open_or_throw(path);
  Store again = open_or_throw(path);
  Database raw = open_raw(path, SQLITE_OPEN_READONLY);
  auto version = raw.query_int("PRAGMA user_version");
  require(version);
  EXPECT_EQ(*version, kSchemaVersion);
}

TEST_F(StoreOpen, AFileThatIsNotADatabaseIsRefusedAndLeftAlone) {
  std::string text(4096, 'x');
  tmp.write("central.db", text);
  auto store = Store::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(path), std::string::npos) << store.error();
  EXPECT_NE(store.error().find("is not an SQLite database"), std::string::npos) << store.error();
  EXPECT_EQ(read_whole(path), text);
}

TEST_F(StoreOpen, ANewerSchemaVersionIsRefused) {
  {
    Database raw = open_raw(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    require(raw.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)));
  }
  auto store = Store::open(path);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(path), std::string::npos) << store.error();
  EXPECT_NE(store.error().find("schema version " + std::to_string(kSchemaVersion + 1) +
                               " is newer than this build"),
            std::string::npos)
      << store.error();
}

TEST_F(StoreOpen, AMissingDirectoryIsAClearError) {
  std::string missing = tmp.path() + "/missing/central.db";
  auto store = Store::open(missing);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(missing), std::string::npos) << store.error();
  EXPECT_NE(store.error().find("cannot use directory " + tmp.path() + "/missing: No such file"),
            std::string::npos)
      << store.error();
  EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/missing"));
}

TEST_F(StoreOpen, AnEmptyPathIsRefused) {
  auto store = Store::open("");
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find("path is empty"), std::string::npos) << store.error();
}

TEST_F(StoreOpen, ADirectoryThatIsAFileIsAClearError) {
  std::string under_file = tmp.write("plain", "text") + "/central.db";
  auto store = Store::open(under_file);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().find(under_file), std::string::npos) << store.error();
  EXPECT_NE(store.error().find(": Not a directory"), std::string::npos) << store.error();
}

TEST_F(StoreOpen, ADirectoryThatCannotBeWrittenIsAClearError) {
  ASSERT_EQ(chmod(tmp.path().c_str(), 0755), 0);
  std::string dir = tmp.path() + "/read-only";
  ASSERT_EQ(mkdir(dir.c_str(), 0555), 0);
  std::string inside = dir + "/central.db";
  std::string error = open_error_without_root(inside);
  EXPECT_NE(error.find(inside), std::string::npos) << error;
  EXPECT_NE(error.find("cannot use directory " + dir + ": Permission denied"), std::string::npos)
      << error;
  EXPECT_NE(error.find("must exist and be writable"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(inside));
}

TEST_F(StoreOpen, AWritableFileInADirectoryThatCannotBeWrittenIsAClearError) {
  // WAL needs the -wal and -shm files beside the database.
  ASSERT_EQ(chmod(tmp.path().c_str(), 0755), 0);
  std::string dir = tmp.path() + "/read-only";
  ASSERT_EQ(mkdir(dir.c_str(), 0755), 0);
  std::string inside = dir + "/central.db";
  require(Store::open(inside));  // created, then closed
  if (geteuid() == 0) {
    ASSERT_EQ(chown(inside.c_str(), kNobody, kNobody), 0);
  }
  ASSERT_EQ(chmod(dir.c_str(), 0555), 0);
  std::string error = open_error_without_root(inside);
  EXPECT_NE(error.find(inside), std::string::npos) << error;
  EXPECT_NE(error.find("cannot use directory " + dir + ": Permission denied"), std::string::npos)
      << error;
}

TEST_F(StoreOpen, AFileThatCannotBeWrittenInAWritableDirectoryIsAClearError) {
  ASSERT_EQ(chmod(tmp.path().c_str(), 0755), 0);
  std::string dir = tmp.path() + "/writable";
  ASSERT_EQ(mkdir(dir.c_str(), 0755), 0);
  std::string inside = dir + "/central.db";
  require(Store::open(inside));  // created, then closed
  ASSERT_EQ(chmod(inside.c_str(), 0444), 0);
  if (geteuid() == 0) {
    ASSERT_EQ(chown(dir.c_str(), kNobody, kNobody), 0);
  }
  std::string error = open_error_without_root(inside);
  EXPECT_NE(error.find(inside + ": opened read-only"), std::string::npos) << error;
}

}  // namespace
}  // namespace suanli::store
