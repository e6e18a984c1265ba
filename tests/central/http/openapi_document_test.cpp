// The OpenAPI document central serves (central/http/assets/openapi.json, embedded): OpenAPI 3.1,
// every endpoint of central with its methods, every parameter with its unit and schema, every
// response with a schema the test validator checks (tests/support/json_schema.hpp), every 4xx
// response the API's Error. Its schemas are checked against real responses in
// tests/central/service/openapi_service_test.cpp.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/http/static_assets.hpp"
#include "tests/support/json_schema.hpp"

namespace suanli::http {
namespace {

using nlohmann::json;

json document() {
  auto asset = find_asset("openapi.json");
  EXPECT_TRUE(asset);
  if (!asset) return json::object();
  EXPECT_EQ(asset->content_type, "application/json");
  return json::parse(asset->bytes);
}

TEST(OpenApiDocument, IsOpenApi31WithSchemasTheValidatorChecks) {
  const json doc = document();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_FALSE(doc["info"]["title"].get<std::string>().empty());
  EXPECT_EQ(test::JsonSchema(doc).schema_problems(), std::vector<std::string>{});
}

TEST(OpenApiDocument, DescribesEveryEndpoint) {
  const json paths = document()["paths"];
  for (const auto& [path, method] :
       std::vector<std::pair<std::string, std::string>>{{"/healthz", "get"},
                                                        {"/api/v1/indicator", "get"},
                                                        {"/api/v1/centers", "get"},
                                                        {"/api/v1/centers/{id}", "get"},
                                                        {"/api/v1/nodes", "get"},
                                                        {"/api/v1/stats", "get"},
                                                        {"/api/v1/anomalies", "get"},
                                                        {"/api/v1/history", "get"},
                                                        {"/metrics", "get"},
                                                        {"/api/v1/ingest", "post"},
                                                        {"/api/v1/openapi.json", "get"}}) {
    ASSERT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(paths[path].contains(method)) << path << " " << method;
  }
}

TEST(OpenApiDocument, EveryParameterAndResponseIsDescribed) {
  const json doc = document();
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      const std::string where = method + " " + path;
      EXPECT_FALSE(op.value("operationId", "").empty()) << where;
      EXPECT_FALSE(op.value("summary", "").empty()) << where;
      for (const json& p : op.value("parameters", json::array())) {
        EXPECT_FALSE(p.value("description", "").empty()) << where << " " << p.dump();
        EXPECT_TRUE(p.contains("schema")) << where << " " << p.dump();
        // A path parameter is required; a query parameter says whether it is.
        if (p["in"] == "path") {
          EXPECT_EQ(p["required"], true) << where << " " << p.dump();
        }
        EXPECT_TRUE(p.contains("required")) << where << " " << p.dump();
      }
      ASSERT_TRUE(op.contains("responses")) << where;
      for (const auto& [status, response] : op["responses"].items()) {
        ASSERT_TRUE(response.contains("content")) << where << " " << status;
        for (const auto& [type, content] : response["content"].items()) {
          EXPECT_TRUE(content.contains("schema")) << where << " " << status << " " << type;
          if (status.starts_with("4")) {
            EXPECT_EQ(content["schema"], json({{"$ref", "#/components/schemas/Error"}}))
                << where << " " << status;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace suanli::http
