#include "agent/boot_counter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "tests/support/process.hpp"

namespace suanli::agent {
namespace {

std::uint64_t unix_now() {
  using namespace std::chrono;
  return static_cast<std::uint64_t>(
      duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

TEST(AgentBoot, RisesByOneAtEveryStart) {
  test::TempDir dir;
  std::string state = dir.path() + "/state";
  auto first = next_boot(state);
  ASSERT_TRUE(first.ok()) << first.error();
  auto second = next_boot(state);
  auto third = next_boot(state);
  ASSERT_TRUE(second.ok() && third.ok());
  EXPECT_EQ(*second, *first + 1);
  EXPECT_EQ(*third, *first + 2);
}

TEST(AgentBoot, ContinuesFromTheStoredValue) {
  test::TempDir dir;
  dir.write("boot", "41\n");
  auto boot = next_boot(dir.path());
  ASSERT_TRUE(boot.ok());
  EXPECT_EQ(*boot, 42u);
  std::ifstream in(dir.path() + "/boot");
  std::string stored;
  in >> stored;
  EXPECT_EQ(stored, "42");
}

TEST(AgentBoot, ACorruptFileGivesABootAboveAnyCountedOne) {
  test::TempDir dir;
  dir.write("boot", "4x\n");
  std::uint64_t before = unix_now();
  auto boot = next_boot(dir.path());
  ASSERT_TRUE(boot.ok());
  EXPECT_GE(*boot, before);
}

TEST(AgentBoot, AnUnwritableStateDirIsAClearError) {
  test::TempDir dir;
  dir.write("file", "x");
  auto boot = next_boot(dir.path() + "/file/state");
  ASSERT_FALSE(boot.ok());
  EXPECT_NE(boot.error().find("/file/state"), std::string::npos) << boot.error();
}

}  // namespace
}  // namespace suanli::agent
