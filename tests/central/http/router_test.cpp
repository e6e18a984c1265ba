#include "central/http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "central/http/target.hpp"

namespace suanli::http {
namespace {

Request make_request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

Response echo(const std::string& what) {
  return Response::text(200, what);
}

Router sample_router() {
  Router router;
  router.get("/api/v1/centers", [](const Request&) { return echo("list"); });
  router.get("/api/v1/centers/{id}",
             [](const Request& r) { return echo("center " + *r.path_param("id")); });
  router.get("/api/v1/centers/stats", [](const Request&) { return echo("stats"); });
  router.post("/ingest", [](const Request& r) { return echo("ingest " + r.body); });
  router.get("/", [](const Request&) { return echo("root"); });
  return router;
}

TEST(Router, ExactPathsAndParameters) {
  Router router = sample_router();
  auto list = make_request("GET", "/api/v1/centers");
  EXPECT_EQ(router.dispatch(list).body, "list");
  auto one = make_request("GET", "/api/v1/centers/szaicc");
  EXPECT_EQ(router.dispatch(one).body, "center szaicc");
  auto exact = make_request("GET", "/api/v1/centers/stats");
  EXPECT_EQ(router.dispatch(exact).body, "stats");  // exact segment beats the parameter
  auto root = make_request("GET", "/");
  EXPECT_EQ(router.dispatch(root).body, "root");
}

TEST(Router, ParametersArePercentDecoded) {
  Router router = sample_router();
  auto r = make_request("GET", "/api/v1/centers/kun%20shan");
  EXPECT_EQ(router.dispatch(r).body, "center kun shan");
}

TEST(Router, UnknownPathIs404Json) {
  Router router = sample_router();
  for (std::string path : {"/nope", "/api/v1/centers/a/b", "/api/v1/centers/", "/api/v1"}) {
    auto r = make_request("GET", path);
    Response res = router.dispatch(r);
    EXPECT_EQ(res.status, 404) << path;
    EXPECT_EQ(res.content_type, "application/json");
    auto body = nlohmann::json::parse(res.body);
    EXPECT_EQ(body["error"]["status"], 404);
    EXPECT_NE(body["error"]["message"].get<std::string>().find(path), std::string::npos);
  }
}

TEST(Router, WrongMethodIs405WithAllow) {
  Router router = sample_router();
  auto r = make_request("DELETE", "/api/v1/centers");
  Response res = router.dispatch(r);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.header("allow"), "GET, HEAD");
  auto post = make_request("GET", "/ingest");
  Response res2 = router.dispatch(post);
  EXPECT_EQ(res2.status, 405);
  EXPECT_EQ(res2.header("Allow"), "POST");
}

TEST(Router, HeadRunsTheGetHandler) {
  Router router = sample_router();
  auto r = make_request("HEAD", "/api/v1/centers");
  EXPECT_EQ(router.dispatch(r).body, "list");
}

TEST(Router, ThrowingHandlerIs500AndTheRouterStillWorks) {
  Router router;
  router.get("/boom", [](const Request&) -> Response { throw std::runtime_error("kaput"); });
  router.get("/int", [](const Request&) -> Response { throw 42; });
  router.get("/ok", [](const Request&) { return echo("fine"); });
  for (std::string path : {"/boom", "/int"}) {
    auto r = make_request("GET", path);
    Response res = router.dispatch(r);
    EXPECT_EQ(res.status, 500);
    EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["status"], 500);
  }
  auto ok = make_request("GET", "/ok");
  EXPECT_EQ(router.dispatch(ok).body, "fine");
}

TEST(Router, LaterRegistrationReplaces) {
  Router router;
  router.get("/x", [](const Request&) { return echo("first"); });
  router.get("/x", [](const Request&) { return echo("second"); });
  auto r = make_request("GET", "/x");
  EXPECT_EQ(router.dispatch(r).body, "second");
}

TEST(Query, SplitsAndDecodes) {
  auto parts = split_target("/api/v1/history?from=1&to=2");
  EXPECT_EQ(parts.path, "/api/v1/history");
  EXPECT_EQ(parts.query, "from=1&to=2");
  EXPECT_EQ(split_target("/healthz").query, "");

  auto q = parse_query("center=kun%20shan&step=60&flag&x=a+b&&center2=%E8%8B%8F&dup=1&dup=2");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("center"), "kun shan");
  EXPECT_EQ(q->at("step"), "60");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_EQ(q->at("x"), "a b");
  EXPECT_EQ(q->at("center2"), "\xE8\x8B\x8F");
  EXPECT_EQ(q->at("dup"), "2");
  EXPECT_EQ(q->size(), 6u);
}

TEST(Query, MalformedEscapesAreRejected) {
  EXPECT_FALSE(parse_query("a=%"));
  EXPECT_FALSE(parse_query("a=%4"));
  EXPECT_FALSE(parse_query("a=%zz"));
  EXPECT_FALSE(percent_decode("%G0", false));
  EXPECT_EQ(percent_decode("a+b%2Fc", false), "a+b/c");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
}

TEST(JsonError, ShapeAndBadUtf8) {
  Response r = json_error(404, "no \"such\" thing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"error":{"message":"no \"such\" thing","status":404}})");
  Response bad = json_error(400, "bytes \xff\xfe");
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"]["status"], 400);
}

TEST(JsonError, NamesTheParameterAtFaultAndItsForm) {
  Response r = BadParameter("step", "1000 ms is too small", "a multiple of 60000").response();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"accepted":"a multiple of 60000","message":"step: 1000 ms is )"
                    R"(too small","parameter":"step","status":400}})");
}

}  // namespace
}  // namespace suanli::http
