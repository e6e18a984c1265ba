#include "agent/boot_counter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "config/program.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {
namespace {

std::uint64_t unix_now() {
  using namespace std::chrono;
  return static_cast<std::uint64_t>(
      duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

std::string stored(const test::TempDir& dir) {
  std::ifstream in(dir.path() + "/boot");
  std::string text;
  in >> text;
  return text;
}

TEST(AgentBoot, RisesByOneAtEveryStart) {
  test::TempDir dir;
  std::string state = dir.path() + "/state";
  auto first = next_boot(state);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = next_boot(state);
  auto third = next_boot(state);
  ASSERT_TRUE(second.ok() && third.ok());
  EXPECT_EQ(second->value, first->value + 1);
  EXPECT_EQ(third->value, first->value + 2);
  EXPECT_TRUE(second->fallback.empty());
}

TEST(AgentBoot, ContinuesFromTheStoredValue) {
  test::TempDir dir;
  dir.write("boot", "41\n");
  auto boot = next_boot(dir.path());
  ASSERT_TRUE(boot.ok());
  EXPECT_EQ(boot->value, 42u);
  EXPECT_TRUE(boot->fallback.empty()) << boot->fallback;
  EXPECT_EQ(stored(dir), "42");
}

TEST(AgentBoot, ACorruptFileGivesABootAboveAnyCountedOneAndSaysWhy) {
  test::TempDir dir;
  dir.write("boot", "4x\n");
  std::uint64_t before = unix_now();
  auto boot = next_boot(dir.path());
  ASSERT_TRUE(boot.ok());
  EXPECT_GE(boot->value, before);
  EXPECT_EQ(boot->fallback, dir.path() + "/boot does not hold a number");
}

TEST(AgentBoot, AMissingFileFallsBackAndSaysSo) {
  test::TempDir dir;
  auto boot = next_boot(dir.path());
  ASSERT_TRUE(boot.ok());
  EXPECT_EQ(boot->fallback, "there is no " + dir.path() + "/boot");
}

TEST(AgentBoot, TheLastBootTheWireCarriesIsStillReached) {
  test::TempDir dir;
  dir.write("boot", std::to_string(wire::kMaxCounter - 1));
  auto boot = next_boot(dir.path());
  ASSERT_TRUE(boot.ok()) << boot.error().message;
  EXPECT_EQ(boot->value, wire::kMaxCounter);
}

TEST(AgentBoot, AValueThatCannotBeRaisedIsRefusedNamingTheFileAndTheValue) {
  for (std::string value : {std::to_string(wire::kMaxCounter), std::string("18446744073709551615"),
                            std::string("99999999999999999999999")}) {
    test::TempDir dir;
    dir.write("boot", value + "\n");
    auto boot = next_boot(dir.path());
    ASSERT_FALSE(boot.ok()) << value << " gave boot " << boot->value;
    EXPECT_EQ(boot.error().exit_code, kExitUsage);
    EXPECT_NE(boot.error().message.find(dir.path() + "/boot holds " + value), std::string::npos)
        << boot.error().message;
    EXPECT_EQ(stored(dir), value) << "the file is left as it was";
  }
}

TEST(AgentBoot, AnUnwritableStateDirIsAClearError) {
  test::TempDir dir;
  dir.write("file", "x");
  auto boot = next_boot(dir.path() + "/file/state");
  ASSERT_FALSE(boot.ok());
  EXPECT_EQ(boot.error().exit_code, kExitFailure);
  EXPECT_NE(boot.error().message.find("/file/state"), std::string::npos) << boot.error().message;
}

}  // namespace
}  // namespace suanli::agent
