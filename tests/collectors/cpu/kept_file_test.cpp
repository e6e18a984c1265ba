#include "collectors/kept_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.hpp"

namespace suanli::collectors {
namespace {

void write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;  // in place: same inode, truncated
}

TEST(CollectorsKeptFile, ReadsTheWholeFileAgainFromItsStartAfterItChangedInPlace) {
  test::TempDir dir;
  const std::string path = dir.path() + "/stat";
  write(path, "cpu0 1 2 3\n");
  KeptFile file(path);
  EXPECT_EQ(file.read(), "cpu0 1 2 3\n");
  const std::string longer(10000, 'x');  // more than one read's first buffer
  write(path, longer);
  EXPECT_EQ(file.read(), longer);
  write(path, "short\n");
  EXPECT_EQ(file.read(), "short\n");
}

TEST(CollectorsKeptFile, AMissingFileReadsAsNothingUntilItIsThere) {
  test::TempDir dir;
  const std::string path = dir.path() + "/stat";
  KeptFile file(path);
  EXPECT_FALSE(file.read());
  write(path, "now\n");
  EXPECT_EQ(file.read(), "now\n");
  file.close();
  std::filesystem::remove(path);
  EXPECT_FALSE(file.read()) << "closed: opened again, and it is gone";
}

TEST(CollectorsKeptFile, ReadsProcStatTwice) {
  KeptFile file("/proc/stat");
  auto first = file.read();
  auto second = file.read();
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(first->starts_with("cpu "));
  EXPECT_TRUE(second->starts_with("cpu ")) << "read again from its start";
}

}  // namespace
}  // namespace suanli::collectors
