// Every endpoint of a real suanli-central (fed hand-made births and windows through a real
// Mosquitto and its HTTP ingest) answers what its OpenAPI document (GET /api/v1/openapi.json,
// central/http/assets/openapi.json) says: each real response, successes and errors, validated
// against the document's schema for its path, method and status. The schemas are strict, so a
// field a response gains without the document saying so fails here.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>

#include "tests/central/core/fixtures.hpp"
#include "tests/central/service/central_harness.hpp"
#include "tests/support/json_schema.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central_service_test {
namespace {

using nlohmann::json;
namespace fx = suanli::central::test;

const std::string kDocumentFile =
    std::string(SUANLI_SOURCE_DIR) + "/central/http/assets/openapi.json";

json read_document() {
  std::ifstream in(kDocumentFile, std::ios::binary);
  return json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
}

std::string topic(const std::string& center, const std::string& node, const std::string& kind) {
  return "suanli/v1/" + center + "/" + node + "/" + kind;
}

class OpenApiService : public ::testing::Test {
 protected:
  void SetUp() override {
    json config = central_config(dir_, broker_.uri());
    enable_http_ingest(config, dir_);
    central_ = std::make_unique<Central>(dir_, config);
    ASSERT_TRUE(central_->ready()) << central_->err();
    publisher_ = std::make_unique<WirePublisher>(broker_);
    // Two configured centers and one that is not; an H100 claiming twice its catalog peak opens
    // an anomaly.
    add_node(kCenterA, "n1", {fx::h100("g0", 2 * 989.4), fx::cpu("cpu0", 2)});
    add_node(kCenterB, "n2", {fx::accelerator("g0", 100)});
    add_node("wj-dc", "n3", {fx::cpu("cpu0", 3)});
    indicator_ = central_->poll("/api/v1/indicator",
                                [](const json& i) { return i["counts"]["nodes"]["online"] == 3; });
    ASSERT_EQ(indicator_["counts"]["nodes"]["online"], 3) << indicator_.dump();
  }

  void add_node(const std::string& center, const std::string& node,
                const std::vector<wire::Device>& devices) {
    ASSERT_TRUE(publisher_->publish(
        topic(center, node, "birth"),
        wire::encode(fx::birth(fx::header(center, node, 1, 0), devices)), true));
    ASSERT_TRUE(
        publisher_->publish(topic(center, node, "data"),
                            wire::encode(fx::data(fx::header(center, node, 1, 1), devices))));
  }

  // Validates the reply against the document's schema for (path, method, its status).
  void expect_documented(const std::string& path, const std::string& method,
                         const test::HttpReply& reply, long status) {
    const std::string what = method + " " + path;
    ASSERT_EQ(reply.status, status) << what << ": " << reply.body;
    exercised_.insert(what);
    const json::json_pointer documented =
        json::json_pointer("/paths") / path / method / "responses";
    ASSERT_TRUE(document_.contains(documented)) << what << " is not documented";
    const json& responses = document_.at(documented);
    const std::string code = std::to_string(status);
    ASSERT_TRUE(responses.contains(code)) << what << " does not document " << code;
    const json& content = responses.at(code).at("content");
    const std::string type = reply.headers.at("content-type");
    const std::string media = type.substr(0, type.find(';'));
    ASSERT_TRUE(content.contains(media)) << what << " " << code << " does not document " << type;
    const json& schema = content.at(media).at("schema");
    const json body = media == "application/json" ? json::parse(reply.body) : json(reply.body);
    const std::vector<std::string> errors = test::JsonSchema(document_).errors(schema, body);
    EXPECT_TRUE(errors.empty()) << what << " " << code << ":\n"
                                << testing::PrintToString(errors) << "\n"
                                << reply.body.substr(0, 2000);
  }

  void get(const std::string& path, const std::string& url, long status = 200) {
    expect_documented(path, "get", central_->get(url), status);
  }

  test::MosquittoBroker broker_;
  test::TempDir dir_;
  std::unique_ptr<Central> central_;
  std::unique_ptr<WirePublisher> publisher_;
  const json document_ = read_document();
  json indicator_;
  std::set<std::string> exercised_;
};

// The current month, YYYY-MM (UTC), as central's clock sees it.
std::string utc_month_now() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{days};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()));
  return text;
}

TEST_F(OpenApiService, EveryEndpointAnswersAsDocumented) {
  // The arrays the schemas' items describe are not empty here.
  ASSERT_EQ(indicator_["centers"].size(), 3u);
  ASSERT_FALSE(indicator_["by_district"].empty());
  const json anomalies =
      central_->poll("/api/v1/anomalies", [](const json& a) { return !a["anomalies"].empty(); });
  ASSERT_FALSE(anomalies["anomalies"].empty()) << anomalies.dump();
  const json history = central_->poll("/api/v1/history?class=all&precision=fp32",
                                      [](const json& h) { return !h["points"].empty(); });
  ASSERT_FALSE(history["points"].empty()) << history.dump();

  get("/healthz", "/healthz");
  get("/api/v1/indicator", "/api/v1/indicator");
  get("/api/v1/centers", "/api/v1/centers");
  get("/api/v1/centers/{id}", "/api/v1/centers/sz-aicc");
  get("/api/v1/centers/{id}", "/api/v1/centers/wj-dc");
  get("/api/v1/centers/{id}", "/api/v1/centers/nowhere", 404);
  get("/api/v1/nodes", "/api/v1/nodes");
  get("/api/v1/nodes", "/api/v1/nodes?limit=1");
  get("/api/v1/nodes", "/api/v1/nodes?limit=0", 400);
  get("/api/v1/stats", "/api/v1/stats");
  get("/api/v1/anomalies", "/api/v1/anomalies");
  get("/api/v1/history", "/api/v1/history");
  get("/api/v1/history", "/api/v1/history?class=all&precision=fp32&step=120000");
  get("/api/v1/history", "/api/v1/history?scope=center:sz-aicc&class=general");
  get("/api/v1/history", "/api/v1/history?scope=center:ks-aicc&from=0");
  get("/api/v1/history", "/api/v1/history?from=1796601600", 400);
  get("/api/v1/history", "/api/v1/history?scope=somewhere", 400);
  const std::string month = utc_month_now();
  get("/api/v1/report", "/api/v1/report?month=" + month);
  get("/api/v1/report", "/api/v1/report?month=" + month + "&format=html");
  get("/api/v1/report", "/api/v1/report?month=2026-13", 400);
  get("/api/v1/report", "/api/v1/report", 400);
  get("/metrics", "/metrics");
  get("/api/v1/openapi.json", "/api/v1/openapi.json");

  const std::string batch =
      json{{"v", 1},
           {"messages",
            {json::parse(wire::encode(fx::data(fx::header(kCenterA, "n1", 1, 2),
                                               {fx::h100("g0", 2 * 989.4), fx::cpu("cpu0", 2)})))}}}
          .dump();
  const std::string bearer = std::string("Authorization: Bearer ") + kTokenA;
  const std::string json_type = "Content-Type: application/json";
  expect_documented("/api/v1/ingest", "post",
                    central_->post("/api/v1/ingest", batch, {json_type, bearer}), 200);
  expect_documented("/api/v1/ingest", "post", central_->post("/api/v1/ingest", batch, {json_type}),
                    401);
  expect_documented("/api/v1/ingest", "post",
                    central_->post("/api/v1/ingest", "{\"v\":1}", {json_type, bearer}), 400);
  expect_documented("/api/v1/ingest", "post",
                    central_->post("/api/v1/ingest", batch,
                                   {json_type, std::string("Authorization: Bearer ") + kTokenB}),
                    403);

  // Every operation of the document was exercised.
  std::set<std::string> documented;
  for (const auto& [path, item] : document_["paths"].items()) {
    for (const auto& [method, _] : item.items())
      documented.insert(method + " " + path);
  }
  EXPECT_EQ(exercised_, documented);
}

TEST_F(OpenApiService, TheServedDocumentIsTheCheckedInOne) {
  const test::HttpReply reply = central_->get("/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(json::parse(reply.body), document_);
}

TEST_F(OpenApiService, AnUndocumentedFieldFailsValidation) {
  // The check above would catch a response that grew a field the document does not describe.
  json indicator = central_->get_json("/api/v1/indicator").value();
  const json schema = {{"$ref", "#/components/schemas/Indicator"}};
  EXPECT_TRUE(test::JsonSchema(document_).errors(schema, indicator).empty());
  indicator["centers"][0]["new_field"] = 1;
  EXPECT_FALSE(test::JsonSchema(document_).errors(schema, indicator).empty());
  indicator["centers"][0].erase("new_field");
  indicator["classes"]["general"]["surprise"] = true;
  EXPECT_FALSE(test::JsonSchema(document_).errors(schema, indicator).empty());
}

}  // namespace
}  // namespace suanli::central_service_test
