#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"

namespace suanli {
namespace {

using test::run_process;

const std::string kCentral = std::string(SUANLI_BINARY_DIR) + "/central/suanli-central";

TEST(CliCentral, Version) {
  auto r = run_process({kCentral, "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "suanli-central 0.1.0\n");
}

TEST(CliCentral, CheckConfigAcceptsTheExample) {
  auto r = run_process({kCentral, "--check-config", "--config",
                        std::string(SUANLI_SOURCE_DIR) + "/config/central.example.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto effective = nlohmann::json::parse(r.out);
  EXPECT_EQ(effective.at("target").at("pflops"), 20000);
  EXPECT_EQ(effective.at("centers").size(), 4u);
}

TEST(CliCentral, BadConfigExit2WithOneLinePerProblem) {
  test::TempDir dir;
  auto path = dir.write("central.json",
                        R"({"mqtt": {"qos": 5}, "target": {"year": 1999}, "stale_after": 3})");
  auto r = run_process({kCentral, "--check-config", "--config", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "mqtt.qos: expected 0 or 1, got 5\n"
            "stale_after: unknown key\n"
            "target.year: expected an integer from 2000 to 2100, got 1999\n");
}

}  // namespace
}  // namespace suanli
