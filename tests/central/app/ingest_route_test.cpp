// POST /api/v1/ingest through central's router, in process: each token posts only for its own
// centers; a batch with a message of another center is refused whole (403), counted as
// identity_mismatch and reported through on_identity_mismatch.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/app/api_routes.hpp"
#include "central/core/json_views.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

constexpr const char* kSz = "sz-aicc";
constexpr const char* kKs = "ks-ai";
constexpr const char* kSzSecret = "sz-secret-0123456789";
constexpr const char* kKsSecret = "ks-secret-0123456789";

struct Mismatch {
  std::string token;
  std::string center;
  std::string node;
  bool operator==(const Mismatch&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Mismatch& m) {
  return os << m.token << " " << m.center << " " << m.node;
}

class IngestRoute : public ::testing::Test {
 protected:
  IngestRoute()
      : registry(test::settings()),
        ingest(registry),
        store(store::Store::open(tmp.path() + "/central.db").value()) {}

  http::Router router(std::vector<config::IngestToken> tokens) {
    return make_api_router(
        {.registry = registry,
         .ingest = ingest,
         .store = store,
         .now_ms = [] { return test::kT0; },
         .gauges = [] { return ServiceGauges{}; },
         .health = [] { return HealthGauges{}; },
         .ingest_message =
             [this](const std::string& topic, const std::string& payload) {
               return ingest.accept(topic, payload, test::kT0).outcome != Outcome::rejected;
             },
         .refuse_message = [this](const std::string&, std::string_view reason,
                                  const std::string& detail) { ingest.refuse(reason, detail); },
         .on_identity_mismatch =
             [this](const std::string& token, const std::string& center, const std::string& node) {
               mismatches.push_back({token, center, node});
             },
         .ingest_tokens = std::move(tokens)});
  }

  static std::vector<config::IngestToken> two_tokens() {
    return {{.name = "sz-agents", .secret = kSzSecret, .centers = {kSz, "sz-scc"}},
            {.name = "ks-agents", .secret = kKsSecret, .centers = {kKs}}};
  }

  static http::Request request(const std::string& method, const std::string& path) {
    http::Request request;
    request.method = method;
    request.target = request.path = path;
    return request;
  }

  http::Response post(const http::Router& r, const std::string& secret,
                      const std::vector<json>& messages) {
    http::Request request = IngestRoute::request("POST", "/api/v1/ingest");
    request.headers["authorization"] = "Bearer " + secret;
    request.body = json{{"v", 1}, {"messages", messages}}.dump();
    return r.dispatch(request);
  }

  static json birth(const std::string& center, const std::string& node) {
    return json::parse(wire::encode(
        test::birth(test::header(center, node, 1, 0), {test::accelerator("g0", 100)})));
  }

  std::uint64_t mismatch_count() const {
    return ingest.rejects().by_reason().at(std::string(kRejectIdentityMismatch));
  }
  std::size_t node_count() const { return nodes_json(registry, {})["nodes"].size(); }
  std::string indicator() const { return indicator_json(registry, test::kT0).dump(); }

  suanli::test::TempDir tmp;
  Registry registry;
  Ingest ingest;
  store::Store store;
  std::vector<Mismatch> mismatches;
};

TEST_F(IngestRoute, ATokenPostsForItsOwnCenters) {
  auto r = router(two_tokens());
  http::Response reply = post(r, kSzSecret, {birth(kSz, "n1"), birth("sz-scc", "n2")});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body), json({{"accepted", 2}, {"rejected", 0}}));
  EXPECT_EQ(node_count(), 2u);
  EXPECT_EQ(mismatch_count(), 0u);
  EXPECT_TRUE(mismatches.empty());
}

TEST_F(IngestRoute, AMessageOfAnotherCenterIs403CountedReportedAndChangesNothing) {
  auto r = router(two_tokens());
  ASSERT_EQ(post(r, kSzSecret, {birth(kSz, "n1")}).status, 200);
  const std::string before = indicator();

  http::Response reply = post(r, kSzSecret, {birth(kKs, "intruder")});
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.content_type, "application/json");
  std::string message = json::parse(reply.body)["error"]["message"].get<std::string>();
  EXPECT_NE(message.find(R"(center "ks-ai")"), std::string::npos) << message;
  EXPECT_NE(message.find("sz-agents"), std::string::npos) << message;
  EXPECT_EQ(message.find(kSzSecret), std::string::npos) << "the token is never shown";
  EXPECT_EQ(mismatch_count(), 1u);
  EXPECT_EQ(indicator(), before);
  EXPECT_EQ(node_count(), 1u);
  EXPECT_EQ(mismatches, (std::vector<Mismatch>{{"sz-agents", kKs, "intruder"}}));
}

TEST_F(IngestRoute, ABatchMixingCentersIsRefusedWhole) {
  auto r = router(two_tokens());
  http::Response reply =
      post(r, kKsSecret, {birth(kKs, "k1"), birth(kSz, "s1"), birth(kKs, "k2"), birth(kSz, "s2")});
  EXPECT_EQ(reply.status, 403);
  std::string message = json::parse(reply.body)["error"]["message"].get<std::string>();
  EXPECT_NE(message.find(R"(center "sz-aicc")"), std::string::npos) << message;
  EXPECT_EQ(node_count(), 0u) << "nothing of the batch is applied";
  EXPECT_EQ(stats_json(ingest, registry)["accepted"], json::parse(R"({
      "status": 0, "birth": 0, "data": 0, "hist": 0})"));
  EXPECT_EQ(mismatch_count(), 2u) << "each message of another center counts";
  EXPECT_EQ(mismatches,
            (std::vector<Mismatch>{{"ks-agents", kSz, "s1"}, {"ks-agents", kSz, "s2"}}));
}

TEST_F(IngestRoute, AnUnknownTokenIs401AndCountsNothing) {
  auto r = router(two_tokens());
  http::Response reply = post(r, "unknown-secret-0123456789", {birth(kSz, "n1")});
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(node_count(), 0u);
  EXPECT_EQ(ingest.rejects().total(), 0u);
  EXPECT_TRUE(mismatches.empty());
}

TEST_F(IngestRoute, TwoTokensForDifferentCentersBothWork) {
  auto r = router(two_tokens());
  EXPECT_EQ(post(r, kSzSecret, {birth(kSz, "n1")}).status, 200);
  EXPECT_EQ(post(r, kKsSecret, {birth(kKs, "n2")}).status, 200);
  json nodes = nodes_json(registry, {})["nodes"];
  ASSERT_EQ(nodes.size(), 2u) << nodes;
  EXPECT_EQ(mismatch_count(), 0u);
}

// A message without a center claims no identity: the decoder rejects it as malformed.
TEST_F(IngestRoute, AMessageWithoutACenterIsLeftToTheDecoder) {
  auto r = router(two_tokens());
  json nameless = birth(kSz, "n1");
  nameless.erase("center");
  http::Response reply = post(r, kSzSecret, {nameless, birth(kSz, "n2")});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body), json({{"accepted", 1}, {"rejected", 1}}));
  EXPECT_EQ(mismatch_count(), 0u);
}

TEST_F(IngestRoute, WithoutTokensThereIsNoIngestEndpoint) {
  auto r = router({});
  EXPECT_EQ(post(r, kSzSecret, {birth(kSz, "n1")}).status, 404);
}

TEST_F(IngestRoute, IdentityMismatchIsInStatsAndMetricsFromTheStart) {
  auto r = router(two_tokens());
  http::Request stats = request("GET", "/api/v1/stats");
  EXPECT_EQ(json::parse(r.dispatch(stats).body)["rejected"]["identity_mismatch"], 0);
  http::Request metrics = request("GET", "/metrics");
  EXPECT_NE(r.dispatch(metrics).body.find(
                R"(suanli_messages_rejected_total{reason="identity_mismatch"} 0)"),
            std::string::npos);
}

// A body nested 100,000 deep (which once overflowed the stack) or with a repeated key is refused
// before it is parsed or applied, and counted.
TEST_F(IngestRoute, AHostileBodyIsRefusedCountedAndChangesNothing) {
  const http::Router r = router(two_tokens());
  const std::string before = indicator();
  auto send = [&](std::string body) {
    http::Request request = IngestRoute::request("POST", "/api/v1/ingest");
    request.headers["authorization"] = std::string("Bearer ") + kSzSecret;
    request.body = std::move(body);
    return r.dispatch(request);
  };
  const std::string deep =
      R"({"v":1,"messages":[)" + std::string(100'000, '[') + std::string(100'000, ']') + "]}";
  EXPECT_EQ(send(deep).status, 400);
  EXPECT_EQ(ingest.rejects().by_reason().at("too_deep"), 1u);
  EXPECT_EQ(send(R"({"v":1,"v":1,"messages":[]})").status, 400);
  EXPECT_EQ(ingest.rejects().by_reason().at("invalid_json"), 1u);
  EXPECT_EQ(indicator(), before);
  EXPECT_EQ(node_count(), 0u);
}

}  // namespace
}  // namespace suanli::central
