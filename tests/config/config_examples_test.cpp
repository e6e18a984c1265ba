// The shipped example configs load, the docs equal what the tables generate, files fail clearly.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "config/central_config.hpp"
#include "config/config_docs.hpp"
#include "config/config_file.hpp"
#include "tests/support/process.hpp"

namespace suanli::config {
namespace {

const std::string kSource = SUANLI_SOURCE_DIR;

TEST(ConfigExamples, AgentExampleIsValidForAService) {
  auto cfg = load_agent_config_file(kSource + "/config/agent.example.json", Mode::service,
                                    collectors::backend_specs());
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(*cfg->center, "sz-aicc");
  EXPECT_EQ(cfg->collectors.at("cpu").enabled, Enablement::on);
  EXPECT_TRUE(cfg->catalog_overrides.contains("10de:2339"));
}

TEST(ConfigExamples, CentralExampleIsValidForAService) {
  auto cfg = load_central_config_file(kSource + "/config/central.example.json", Mode::service);
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(cfg->centers.size(), 4u);
  EXPECT_EQ(cfg->centers.at("sz-aicc").name, "苏州市人工智能算力中心");
}

TEST(ConfigExamples, SimNodeExampleIsValidForAService) {
  auto cfg = load_agent_config_file(kSource + "/config/sim-node.example.json", Mode::service,
                                    collectors::backend_specs());
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(cfg->collectors.at("sim").enabled, Enablement::on);
  ASSERT_EQ(cfg->sim.devices.size(), 1u);
  EXPECT_EQ(cfg->sim.devices[0].count, 8);
}

TEST(ConfigDocs, ConfigurationMdIsWhatTheTablesGenerate) {
  std::ifstream in(kSource + "/docs/configuration.md");
  ASSERT_TRUE(in) << "docs/configuration.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), configuration_markdown(collectors::backend_specs()))
      << "docs/configuration.md is stale: regenerate it with "
         "build/config/suanli-config-docs > docs/configuration.md";
}

TEST(ConfigDocs, EveryKeyIsDocumented) {
  std::string md = configuration_markdown(collectors::backend_specs());
  for (const auto& rule : agent_rules(collectors::backend_specs())) {
    EXPECT_NE(md.find("| `" + std::string(rule.path) + "` |"), std::string::npos) << rule.path;
    EXPECT_FALSE(rule.description.empty()) << rule.path;
  }
  for (const auto& rule : central_rules()) {
    EXPECT_NE(md.find("| `" + std::string(rule.path) + "` |"), std::string::npos) << rule.path;
    EXPECT_FALSE(rule.description.empty()) << rule.path;
  }
}

TEST(ConfigFile, MissingFileIsOneClearLine) {
  auto cfg =
      load_agent_config_file("/nonexistent/agent.json", Mode::service, collectors::backend_specs());
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error(), std::vector<std::string>{
                             "/nonexistent/agent.json: cannot read: No such file or directory"});
}

TEST(ConfigFile, DirectoryIsOneClearLine) {
  test::TempDir dir;
  auto cfg = load_agent_config_file(dir.path(), Mode::service, collectors::backend_specs());
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error(), std::vector<std::string>{dir.path() + ": cannot read: is a directory"});
}

// A device or a FIFO is refused unread: /dev/zero never ends, and a FIFO would block.
TEST(ConfigFile, ANonRegularFileIsRefusedUnread) {
  auto zero = load_agent_config_file("/dev/zero", Mode::service, collectors::backend_specs());
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error(), std::vector<std::string>{"/dev/zero: cannot read: not a regular file"});
  test::TempDir dir;
  const std::string fifo = dir.path() + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto piped = load_agent_config_file(fifo, Mode::service, collectors::backend_specs());
  ASSERT_FALSE(piped.ok());
  EXPECT_EQ(piped.error(), std::vector<std::string>{fifo + ": cannot read: not a regular file"});
}

TEST(ConfigFile, AFileAboveTheLimitIsRefused) {
  test::TempDir dir;
  const std::string big = dir.write("big.json", std::string(kMaxTextFileBytes + 1, ' '));
  auto cfg = load_agent_config_file(big, Mode::service, collectors::backend_specs());
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error(), std::vector<std::string>{big + ": cannot read: larger than 16 MiB"});
  const std::string fits = dir.write("fits.json", "{}" + std::string(kMaxTextFileBytes - 2, ' '));
  EXPECT_TRUE(config::read_text_file(fits).ok());
}

// The column is where the offending token ends ("node" on line 3 ends at column 8).
TEST(ConfigFile, InvalidJsonNamesLineAndColumn) {
  test::TempDir dir;
  std::string path = dir.write("agent.json", "{\n  \"center\": \"a\"\n  \"node\": \"b\"\n}\n");
  auto cfg = load_agent_config_file(path, Mode::service, collectors::backend_specs());
  ASSERT_FALSE(cfg.ok());
  ASSERT_EQ(cfg.error().size(), 1u);
  EXPECT_EQ(cfg.error()[0].rfind(path + ":3:8: invalid JSON: ", 0), 0u) << cfg.error()[0];
}

}  // namespace
}  // namespace suanli::config
