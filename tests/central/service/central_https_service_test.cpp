// suanli-central serving HTTPS (http.tls) with per-center ingest tokens, and real agents posting
// to it over HTTPS (protocol.md section 12): an agent with its center's token is ingested; one with
// another center's token is refused (403, identity_mismatch), keeps its windows, and delivers them
// all once its token file holds the right token.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "tests/central/service/central_harness.hpp"
#include "tests/service/agent_harness.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class HttpsIngestService : public ::testing::Test {
 protected:
  void SetUp() override {
    json cfg = central_config(dir_, broker_.uri());
    enable_http_ingest(cfg, dir_);
    enable_https(cfg, pki_);
    central_ = std::make_unique<Central>(dir_, cfg, "central", pki_.ca().cert);
    ASSERT_TRUE(central_->ready()) << central_->err();
  }

  // sim-01 of `center` posting to central's ingest URL over HTTPS with `token`.
  json agent_config(const test::TempDir& agent_dir, const std::string& center,
                    const std::string& token) {
    json cfg = service_test::base_config(agent_dir, broker_.uri(), 2);
    cfg.erase("mqtt");
    cfg["center"] = center;
    cfg["http"] = {{"url", central_->url("/api/v1/ingest")},
                   {"token_file", agent_dir.write("token", token)},
                   {"tls", {{"ca_file", pki_.ca().cert}}},
                   {"retry_min_ms", 200},
                   {"retry_max_ms", 1000}};
    return cfg;
  }

  // The one node received windows 0 to its last seq (at least `last`), each once.
  bool windows_complete(std::uint64_t last) {
    auto stats = central_->get_json("/api/v1/stats");
    auto nodes = central_->get_json("/api/v1/nodes");
    if (!stats || !nodes || (*nodes)["nodes"].size() != 1) return false;
    const json& last_seq = (*nodes)["nodes"][0]["last_seq"];
    if (!last_seq.is_number() || last_seq.get<std::uint64_t>() < last) return false;
    auto windows = (*stats)["accepted"]["data"].get<std::uint64_t>() +
                   (*stats)["accepted"]["hist"].get<std::uint64_t>() -
                   (*stats)["duplicates"].get<std::uint64_t>();
    return windows == last_seq.get<std::uint64_t>() + 1;
  }

  json stats_when(const std::function<bool(const json&)>& done) {
    return central_->poll("/api/v1/stats", done);
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  test::TestPki pki_{dir_.path() + "/pki"};
  std::unique_ptr<Central> central_;
};

TEST_F(HttpsIngestService, ARealAgentPostsOverHttpsWithItsCentersToken) {
  ASSERT_EQ(central_->url("/").rfind("https://127.0.0.1:", 0), 0u);
  EXPECT_NE(central_->err().find("HTTP API and dashboard on https://127.0.0.1:"), std::string::npos)
      << central_->err();
  EXPECT_EQ(test::CurlClient(pki_.wrong_ca_file()).get(central_->url("/healthz")).status, 0)
      << "a client that does not trust the CA gets nothing";

  test::TempDir agent_dir;
  service_test::Agent agent(
      agent_dir, service_test::write_config(agent_dir, agent_config(agent_dir, kCenterA, kTokenA)));
  json ind = central_->poll("/api/v1/indicator", [](const json& d) {
    return d["counts"]["nodes"]["online"] == 1 &&
           d["headline"]["achieved_pflops"].get<double>() > 0;
  });
  ASSERT_EQ(ind["counts"]["nodes"]["online"], 1) << ind.dump() << agent.err();
  EXPECT_EQ(ind["counts"]["devices"], 2);
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u);
  EXPECT_EQ(nodes["nodes"][0]["center"], kCenterA);
  EXPECT_EQ(nodes["nodes"][0]["node"], "sim-01");
  json stats = central_->get_json("/api/v1/stats").value();
  EXPECT_EQ(stats["rejected_total"], 0) << stats.dump();
  EXPECT_TRUE(agent.terminate());
}

TEST_F(HttpsIngestService, AnAgentWithAnotherCentersTokenIsRefusedThenDeliversEverything) {
  test::TempDir agent_dir;
  service_test::Agent agent(
      agent_dir, service_test::write_config(agent_dir, agent_config(agent_dir, kCenterB, kTokenA)));
  // Each refused handshake is a status and a birth of kCenterB: two mismatches.
  json stats = stats_when([](const json& s) { return s["rejected"]["identity_mismatch"] >= 4; });
  ASSERT_GE(stats["rejected"]["identity_mismatch"].get<int>(), 4) << stats.dump() << agent.err();
  EXPECT_EQ(stats["rejected_total"], stats["rejected"]["identity_mismatch"]);
  EXPECT_EQ(central_->get_json("/api/v1/nodes").value()["nodes"].size(), 0u);
  ASSERT_TRUE(
      agent.logs("HTTP 403: the server refused this batch for the bearer token (check "
                 "that http.token_file holds a token for center ks-aicc)",
                 10s))
      << agent.err();
  EXPECT_NE(central_->err().find("identity_mismatch (token sz-agents may not post for center "
                                 "\"ks-aicc\")"),
            std::string::npos)
      << central_->err();

  // The agent reads its token file again after each refusal.
  std::ofstream(agent_dir.path() + "/token") << kTokenB << "\n";
  json ind = central_->poll("/api/v1/indicator", [](const json& d) {
    return d["counts"]["nodes"]["online"] == 1 &&
           d["headline"]["achieved_pflops"].get<double>() > 0;
  });
  ASSERT_EQ(ind["counts"]["nodes"]["online"], 1) << ind.dump() << agent.err();
  json nodes = central_->get_json("/api/v1/nodes").value();
  ASSERT_EQ(nodes["nodes"].size(), 1u);
  EXPECT_EQ(nodes["nodes"][0]["center"], kCenterB);
  // Every window of the boot, the ones kept through the refusal too, arrives (as data or hist).
  EXPECT_TRUE(service_test::wait_until([&] { return windows_complete(2); }, 30s))
      << central_->get_json("/api/v1/stats").value_or(json()).dump()
      << central_->get_json("/api/v1/nodes").value_or(json()).dump();
  EXPECT_TRUE(agent.terminate());
}

}  // namespace
}  // namespace suanli::central_service_test
