// The test validator of JSON Schema (tests/support/json_schema.hpp): it accepts what a schema
// describes and rejects each kind of departure, and it refuses documents whose schemas use what it
// does not check.

#include "tests/support/json_schema.hpp"

#include <gtest/gtest.h>

namespace suanli::test {
namespace {

using nlohmann::json;

const json kDocument = json::parse(R"({
  "components": {"schemas": {
    "Point": {"type": "object", "additionalProperties": false, "required": ["ts_ms", "value"],
              "properties": {"ts_ms": {"type": "integer", "minimum": 0},
                             "value": {"type": ["number", "null"]},
                             "kind": {"type": "string", "enum": ["a", "b"]}}},
    "Named": {"type": "object", "properties": {"name": {"type": "string"}}},
    "NamedPoint": {"allOf": [{"$ref": "#/components/schemas/Named"}],
                   "properties": {"points": {"type": "array",
                                             "items": {"$ref": "#/components/schemas/Point"}}},
                   "unevaluatedProperties": false},
    "Counters": {"type": "object", "additionalProperties": {"type": "integer"}}
  }}
})");

json ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}

// The problems of `value` against the component `name`.
std::vector<std::string> errors(const std::string& name, const json& value) {
  return JsonSchema(kDocument).errors(ref(name), value);
}

TEST(JsonSchema, AcceptsWhatTheSchemaDescribes) {
  EXPECT_EQ(errors("Point", json::parse(R"({"ts_ms": 5, "value": 1.5, "kind": "a"})")),
            std::vector<std::string>{});
  EXPECT_TRUE(errors("Point", json::parse(R"({"ts_ms": 5.0, "value": null})")).empty());
  EXPECT_TRUE(errors("NamedPoint", json::parse(R"({"name": "x", "points": [{"ts_ms": 1,
                                                   "value": 2}]})"))
                  .empty());
  EXPECT_TRUE(errors("Counters", json::parse(R"({"x": 1, "y": 2})")).empty());
  EXPECT_TRUE(JsonSchema(kDocument).schema_problems().empty());
}

TEST(JsonSchema, RejectsEachDeparture) {
  struct Case {
    std::string schema, value, says;
  };
  for (const Case& c : std::vector<Case>{
           {"Point", R"([1])", "is not of type object"},
           {"Point", R"({"ts_ms": 1})", "required property \"value\" is missing"},
           {"Point", R"({"ts_ms": 1, "value": 2, "extra": 3})", "no value is allowed"},
           {"Point", R"({"ts_ms": 1.5, "value": 2})", "is not of type integer"},
           {"Point", R"({"ts_ms": "1", "value": 2})", "is not of type integer"},
           {"Point", R"({"ts_ms": -1, "value": 2})", "below the minimum"},
           {"Point", R"({"ts_ms": 1, "value": "2"})", "is not of type [\"number\",\"null\"]"},
           {"Point", R"({"ts_ms": 1, "value": 2, "kind": "c"})", "is not one of"},
           {"NamedPoint", R"({"name": 1})", "is not of type string"},
           {"NamedPoint", R"({"name": "x", "other": 1})", "does not describe"},
           {"NamedPoint", R"({"points": [{"ts_ms": 1, "value": 1}, {"ts_ms": 1}]})",
            "/points/1: the required property"},
           {"Counters", R"({"x": 1.5})", "/x: 1.5 is not of type integer"},
           {"Missing", R"({})", "resolves to nothing"}}) {
    const std::vector<std::string> found = errors(c.schema, json::parse(c.value));
    ASSERT_FALSE(found.empty()) << c.schema << " " << c.value;
    EXPECT_NE(found.front().find(c.says), std::string::npos)
        << c.schema << " " << c.value << ": " << found.front();
  }
}

TEST(JsonSchema, RefusesSchemasItDoesNotCheck) {
  for (const auto& [schema, says] : std::vector<std::pair<std::string, std::string>>{
           {R"({"oneOf": [{"type": "string"}]})", "\"oneOf\" is not a keyword"},
           {R"({"$ref": "#/components/schemas/Nowhere"})", "resolves to nothing"},
           {R"({"type": "int"})", "\"int\" is not a type"},
           {R"({"type": "object", "unevaluatedProperties": true})", "only false"},
           {R"({"properties": {"a": {"patternProperties": {}}}})", "\"patternProperties\""},
           {R"({"items": {"type": ["string", "date"]}})", "\"date\" is not a type"},
           {R"({"required": "a"})", "not an array"}}) {
    json document = kDocument;
    document["paths"]["/x"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] =
        json::parse(schema);
    const std::vector<std::string> found = JsonSchema(document).schema_problems();
    ASSERT_EQ(found.size(), 1u) << schema;
    EXPECT_NE(found.front().find(says), std::string::npos) << schema << ": " << found.front();
    EXPECT_TRUE(found.front().starts_with("/paths/~1x/get/responses/200/content/"))
        << found.front();
  }
  // A value checked against a schema with an unknown keyword fails too.
  EXPECT_FALSE(JsonSchema(kDocument).errors(json::parse(R"({"oneOf": []})"), 1).empty());
}

}  // namespace
}  // namespace suanli::test
