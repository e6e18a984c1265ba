#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/spool/spool_files.hpp"
#include "tests/support/process.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli::spool {
namespace {

TEST(SpoolOpen, CreatesAMissingDirectoryAndItsParents) {
  suanli::test::TempDir tmp;
  std::string dir = tmp.path() + "/state/spool";
  auto spool = Spool::open(dir);
  ASSERT_TRUE(spool) << spool.error();
  struct stat st {};
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(st.st_mode & 0007, 0u);
  EXPECT_EQ(*spool->append("x"), 1u);
}

TEST(SpoolOpen, DirectoryUnderAFileIsAClearError) {
  suanli::test::TempDir tmp;
  std::string file = tmp.write("plain-file", "x");
  auto spool = Spool::open(file + "/spool");
  ASSERT_FALSE(spool);
  EXPECT_NE(spool.error().find(file), std::string::npos) << spool.error();
  EXPECT_NE(spool.error().find("Not a directory"), std::string::npos) << spool.error();
}

TEST(SpoolOpen, AFileWhereTheDirectoryShouldBeIsAClearError) {
  suanli::test::TempDir tmp;
  std::string file = tmp.write("spool", "x");
  auto spool = Spool::open(file);
  ASSERT_FALSE(spool);
  EXPECT_NE(spool.error().find("Not a directory"), std::string::npos) << spool.error();
}

TEST(SpoolOpen, ZeroSizesAreRefused) {
  suanli::test::TempDir tmp;
  Options options;
  options.max_bytes = 0;
  auto spool = Spool::open(tmp.path(), options);
  ASSERT_FALSE(spool);
  EXPECT_NE(spool.error().find("max_bytes"), std::string::npos) << spool.error();
}

}  // namespace
}  // namespace suanli::spool
