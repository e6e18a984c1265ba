#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/example_config.hpp"
#include "tests/support/process.hpp"

namespace suanli {
namespace {

using test::run_process;

const std::string kCentral = std::string(SUANLI_BINARY_DIR) + "/central/suanli-central";
const std::string kCentralExample = std::string(SUANLI_SOURCE_DIR) + "/config/central.example.json";

TEST(CliCentral, Version) {
  auto r = run_process({kCentral, "--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "suanli-central 0.1.0\n");
}

TEST(CliCentral, CheckConfigAcceptsTheExample) {
  test::TempDir dir;
  const std::string tokens =
      R"({"tokens": [{"name": "sz-agents", "token": "0123456789abcdef0123", "centers": ["sz-aicc"]}]})";
  auto r = run_process(
      {kCentral, "--check-config", "--config",
       test::example_with_files(dir, kCentralExample, {{"ingest-tokens.json", tokens}})});
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

// Every file the start would read, missing: each named by its key, exit 2, as the unit's
// ExecStartPre would show it.
TEST(CliCentral, CheckConfigNamesEachFileItCannotRead) {
  test::TempDir dir;
  const std::string gone = dir.path() + "/gone";
  nlohmann::json config = {
      {"mqtt",
       {{"uri", "mqtts://127.0.0.1:8883"},
        {"username", "central"},
        {"password_file", gone + "/password"},
        {"tls",
         {{"ca_file", gone + "/ca.pem"},
          {"cert_file", gone + "/client.pem"},
          {"key_file", gone + "/client.key"}}}}},
      {"http",
       {{"ingest_tokens_file", gone + "/tokens.json"},
        {"tls", {{"cert_file", gone + "/server.pem"}, {"key_file", gone + "/server.key"}}}}}};
  auto r = run_process(
      {kCentral, "--check-config", "--config", dir.write("central.json", config.dump())});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  for (const auto& [key, file] :
       std::vector<std::pair<std::string, std::string>>{{"mqtt.password_file", "password"},
                                                        {"mqtt.tls.ca_file", "ca.pem"},
                                                        {"mqtt.tls.cert_file", "client.pem"},
                                                        {"mqtt.tls.key_file", "client.key"},
                                                        {"http.ingest_tokens_file", "tokens.json"},
                                                        {"http.tls.cert_file", "server.pem"},
                                                        {"http.tls.key_file", "server.key"}}) {
    EXPECT_NE(r.err.find(key + ": " + gone + "/" + file + ": cannot read: "), std::string::npos)
        << key << " in:\n"
        << r.err;
  }
}

// Readable, but not what the start accepts: the check reads them as the start would.
TEST(CliCentral, CheckConfigReadsTheIngestTokensAsTheStartWould) {
  test::TempDir dir;
  nlohmann::json config = {
      {"http", {{"ingest_tokens_file", dir.write("tokens.json", R"({"tokens": [)")}}}};
  auto r = run_process(
      {kCentral, "--check-config", "--config", dir.write("central.json", config.dump())});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("http.ingest_tokens_file: " + dir.path() + "/tokens.json", 0), 0u) << r.err;
}

}  // namespace
}  // namespace suanli

#include "central/store/store.hpp"

namespace suanli {
namespace {

// A store with one measured minute of the city on 2026-05-01, 00:00 UTC: 2 PFLOPS live at fp16.
std::string store_with_one_minute(const test::TempDir& dir) {
  const std::string path = dir.path() + "/central.db";
  auto store = store::Store::open(path);
  EXPECT_TRUE(store) << store.error();
  store::Batch batch;
  batch.history.push_back(
      {.ts_ms = 1'777'593'600'000,
       .scope = "city",
       .headline = {},
       .totals_json = R"({"by_class":{"intelligent":{"live_pflops":{"fp16":2}}}})",
       .simulated = false,
       .bucket_energy_kwh = std::nullopt});
  EXPECT_TRUE(store->write(batch));
  return path;
}

TEST(CliCentralReport, PrintsTheMonthsCsvFromAStoreFile) {
  test::TempDir dir;
  auto r = run_process(
      {kCentral, "report", "--month", "2026-05", "--store", store_with_one_minute(dir)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("month,scope,simulated,", 0), 0u);
  EXPECT_NE(r.out.find("\r\n2026-05,city,false,2026-05-01T00:00:00Z,2026-06-01T00:00:00Z,"
                       "2026-05-01T00:00:00Z,44640,1,1,0,"),
            std::string::npos)
      << r.out;
}

TEST(CliCentralReport, PrintsTheHtmlPageOnRequest) {
  test::TempDir dir;
  auto r = run_process({kCentral, "report", "--month", "2026-05", "--store",
                        store_with_one_minute(dir), "--format", "html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(CliCentralReport, ABadMonthOrAMissingStoreIsExit2WithOneLine) {
  test::TempDir dir;
  auto bad_month =
      run_process({kCentral, "report", "--month", "2026-5", "--store", store_with_one_minute(dir)});
  EXPECT_EQ(bad_month.exit_code, 2);
  EXPECT_EQ(bad_month.out, "");
  EXPECT_EQ(bad_month.err,
            "--month: not a month as YYYY-MM; expected a month as YYYY-MM (UTC), e.g. 2026-05\n");
  auto missing =
      run_process({kCentral, "report", "--month", "2026-05", "--store", dir.path() + "/none.db"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err.rfind("--store: " + dir.path() + "/none.db: ", 0), 0u) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/none.db"));
}

}  // namespace
}  // namespace suanli
