#include "collectors/sysfs_reader.hpp"

#include <gtest/gtest.h>

#include "tests/support/process.hpp"

namespace suanli::collectors {
namespace {

TEST(CpuSysfsReader, ParsesDecimalAndHexNumbers) {
  EXPECT_EQ(parse_u64("0x1002\n"), 0x1002u);
  EXPECT_EQ(parse_u64(" 440 "), 440u);
  EXPECT_EQ(parse_i64("-1"), -1);
  EXPECT_FALSE(parse_u64(""));
  EXPECT_FALSE(parse_u64("12abc"));
  EXPECT_FALSE(parse_u64("-1"));
}

TEST(CpuSysfsReader, FindsFieldsBySeparator) {
  const std::string cpuinfo = "model\t\t: 85\nmodel name\t: Xeon\n";
  EXPECT_EQ(find_field(cpuinfo, "model name", ':'), "Xeon");
  EXPECT_EQ(find_field(cpuinfo, "model", ':'), "85");
  EXPECT_EQ(find_field("DRIVER=amdgpu\nPCI_SLOT_NAME=0000:c1:00.0\n", "PCI_SLOT_NAME", '='),
            "0000:c1:00.0");
  EXPECT_EQ(find_field("simd_count 440\nsimd_per_cu 4\n", "simd_per_cu", ' '), "4");
  EXPECT_FALSE(find_field("a=1\n", "b", '='));
}

TEST(CpuSysfsReader, SplitsAndNamesNumberedEntries) {
  EXPECT_EQ(split("a,b,", ','), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(numbered_suffix("card12", "card"), 12u);
  EXPECT_FALSE(numbered_suffix("card0-DP-1", "card"));
  EXPECT_FALSE(numbered_suffix("card", "card"));
  EXPECT_EQ(format_hex(0x740c, 4), "740c");
  EXPECT_EQ(format_hex(0x48, 2), "48");
  EXPECT_EQ(format_hex(0x1, 3), "001");
}

TEST(CpuSysfsReader, ReadsFilesAndMissingFilesAreAbsent) {
  test::TempDir dir;
  dir.write("n", "  42 \nrest\n");
  EXPECT_EQ(read_line(dir.path() + "/n"), "42");
  EXPECT_EQ(read_u64(dir.path() + "/n"), 42u);
  EXPECT_FALSE(read_text(dir.path() + "/missing"));
  EXPECT_FALSE(read_u64(dir.path() + "/missing"));
  EXPECT_EQ(list_dir(dir.path()), std::vector<std::string>{"n"});
  EXPECT_TRUE(list_dir(dir.path() + "/missing").empty());
}

}  // namespace
}  // namespace suanli::collectors
