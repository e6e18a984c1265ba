#include "uplink/http/poster.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/http_server.hpp"
#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"
#include "uplink/http/batch.hpp"
#include "uplink/http/bearer_token.hpp"

namespace suanli::http {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<HttpPoster> make_poster(const std::string& url,
                                        std::optional<std::string> token = std::nullopt,
                                        std::chrono::milliseconds timeout = 5s) {
  auto poster =
      HttpPoster::create({.url = url, .bearer_token = std::move(token), .timeout = timeout});
  EXPECT_TRUE(poster) << poster.error();
  return std::move(poster).value();
}

TEST(HttpPoster, PostsTheJsonBodyWithTheBearerToken) {
  test::HttpTestServer server;
  auto poster = make_poster(server.url(), "s3cret-token");
  const std::string body = R"({"v":1,"messages":[]})";
  auto response = poster->post(body);
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 200);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/ingest");
  EXPECT_EQ(requests[0].headers["authorization"], "Bearer s3cret-token");
  EXPECT_EQ(requests[0].headers["content-type"], "application/json");
  EXPECT_EQ(requests[0].body, body);
}

TEST(HttpPoster, WithoutATokenSendsNoAuthorization) {
  test::HttpTestServer server;
  auto poster = make_poster(server.url());
  ASSERT_TRUE(poster->post("{}"));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].headers.contains("authorization"));
}

TEST(HttpPoster, ReturnsTheStatusAsAValue) {
  test::HttpTestServer server;
  server.queue_statuses({503, 401, 413});
  auto poster = make_poster(server.url());
  for (long expected : {503L, 401L, 413L, 200L}) {
    auto response = poster->post("{}");
    ASSERT_TRUE(response) << response.error();
    EXPECT_EQ(response->status, expected);
  }
}

TEST(HttpPoster, ReusesOneConnection) {
  test::HttpTestServer server;
  auto poster = make_poster(server.url());
  ASSERT_TRUE(poster->post("{}"));
  ASSERT_TRUE(poster->post("{}"));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].connection, requests[1].connection);
}

TEST(HttpPoster, ANewTokenIsSentFromTheNextRequest) {
  test::HttpTestServer server;
  auto poster = make_poster(server.url(), "old");
  ASSERT_TRUE(poster->post("{}"));
  poster->set_bearer_token("new");
  ASSERT_TRUE(poster->post("{}"));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].headers["authorization"], "Bearer new");
}

TEST(HttpPoster, TimesOutAgainstAServerThatNeverAnswers) {
  test::HttpTestServer server;
  server.set_silent(true);
  auto poster = make_poster(server.url(), std::nullopt, 300ms);
  auto response = poster->post("{}");
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().find("timed out"), std::string::npos) << response.error();
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpPoster, TheAbortFlagEndsAWaitingPost) {
  test::HttpTestServer server;
  server.set_silent(true);
  auto poster = make_poster(server.url(), std::nullopt, 60s);
  std::atomic<bool> abort{false};
  std::thread flag([&] {
    server.wait_for([](const auto& requests) { return !requests.empty(); }, 10s);
    abort = true;
  });
  auto response = poster->post("{}", std::nullopt, &abort);
  flag.join();
  ASSERT_FALSE(response);
  EXPECT_NE(response.error().find("abort"), std::string::npos) << response.error();
}

TEST(HttpPoster, ARefusedPortIsATransportError) {
  auto poster = make_poster("http://127.0.0.1:" + std::to_string(test::free_port()) + "/ingest");
  auto response = poster->post("{}");
  ASSERT_FALSE(response);
  EXPECT_FALSE(response.error().empty());
}

TEST(HttpPoster, AServerDownThenUpAgainIsReachedAgain) {
  test::HttpTestServer server;
  auto poster = make_poster(server.url());
  ASSERT_TRUE(poster->post("{}"));
  server.stop();
  EXPECT_FALSE(poster->post("{}"));
  server.start();
  auto response = poster->post("{}");
  ASSERT_TRUE(response) << response.error();
  EXPECT_EQ(response->status, 200);
}

// Mosquitto's TLS listener is the TLS server here (a test CA, a certificate for 127.0.0.1): the
// handshake shows whether the poster verifies the peer; the HTTP request itself then fails.
TEST(HttpPoster, HttpsVerifiesTheServerAgainstTheCaFile) {
  test::MosquittoBroker broker(test::BrokerOptions{.tls = true});
  const std::string url = "https://127.0.0.1:" + std::to_string(broker.tls_port()) + "/ingest";
  auto post_with_ca = [&](std::optional<std::string> ca_file) {
    auto poster = HttpPoster::create({.url = url, .timeout = 5s, .ca_file = std::move(ca_file)});
    EXPECT_TRUE(poster) << poster.error();
    auto response = (*poster)->post("{}");
    return response ? std::string("HTTP ") + std::to_string(response->status) : response.error();
  };
  auto trusted = post_with_ca(broker.ca_file());
  EXPECT_EQ(trusted.find("certificate"), std::string::npos) << trusted;
  auto wrong_ca = post_with_ca(broker.wrong_ca_file());
  EXPECT_NE(wrong_ca.find("certificate"), std::string::npos) << wrong_ca;
  auto system_cas = post_with_ca(std::nullopt);
  EXPECT_NE(system_cas.find("certificate"), std::string::npos) << system_cas;
}

TEST(BearerToken, TrailingNewlineIsTrimmed) {
  test::TempDir dir;
  auto token = read_bearer_token(dir.write("token", "abc.def-123\n"));
  ASSERT_TRUE(token) << token.error();
  EXPECT_EQ(*token, "abc.def-123");
}

TEST(BearerToken, MissingOrEmptyFileIsAnErrorNamingTheKey) {
  test::TempDir dir;
  auto missing = read_bearer_token(dir.path() + "/absent");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().rfind("http.token_file: ", 0), 0u) << missing.error();
  auto empty = read_bearer_token(dir.write("empty", "\n"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().find("empty"), std::string::npos) << empty.error();
}

TEST(BearerToken, TwoLinesAreRefusedWithoutShowingThem) {
  test::TempDir dir;
  auto token = read_bearer_token(dir.write("token", "first-secret\nsecond-secret\n"));
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().find("secret"), std::string::npos) << token.error();
}

TEST(Batch, BodyIsTheEnvelopeAroundTheMessages) {
  std::vector<std::string> messages = {R"({"kind":"data","seq":1})", R"({"kind":"hist","seq":0})"};
  std::string body = batch_body(messages);
  auto doc = nlohmann::json::parse(body);
  EXPECT_EQ(doc.at("v"), 1);
  ASSERT_EQ(doc.at("messages").size(), 2u);
  EXPECT_EQ(doc.at("messages")[1].at("kind"), "hist");
  EXPECT_EQ(body.size(), batch_envelope_bytes(2) + messages[0].size() + messages[1].size());
  EXPECT_EQ(nlohmann::json::parse(batch_body({})).at("messages").size(), 0u);
}

TEST(Batch, StatusesMapToWhatTheUplinkDoes) {
  EXPECT_EQ(classify_status(200), Verdict::accepted);
  EXPECT_EQ(classify_status(204), Verdict::accepted);
  EXPECT_EQ(classify_status(401), Verdict::unauthorized);
  EXPECT_EQ(classify_status(403), Verdict::unauthorized);
  EXPECT_EQ(classify_status(404), Verdict::not_found);
  EXPECT_EQ(classify_status(413), Verdict::too_large);
  EXPECT_EQ(classify_status(429), Verdict::retry);
  EXPECT_EQ(classify_status(408), Verdict::retry);
  EXPECT_EQ(classify_status(500), Verdict::retry);
  EXPECT_EQ(classify_status(503), Verdict::retry);
  EXPECT_EQ(classify_status(302), Verdict::retry);
  EXPECT_EQ(classify_status(400), Verdict::rejected);
  EXPECT_EQ(classify_status(422), Verdict::rejected);
}

}  // namespace
}  // namespace suanli::http
