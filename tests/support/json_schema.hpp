#pragma once

// A validator for the subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that
// central/http/assets/openapi.json uses: type (a name or an array of names, "null" among them),
// enum, minimum, maximum, properties, required, additionalProperties, unevaluatedProperties
// (false, over properties and allOf), items, allOf and $ref to a JSON pointer in the document.
// description, title, format, examples and default are annotations. Any other keyword is an
// error, so that a schema cannot pass by using what the validator does not check.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace suanli::test {

class JsonSchema {
 public:
  // `document` holds the schemas $ref points into ("#/components/schemas/Name").
  explicit JsonSchema(nlohmann::json document);

  // The problems of `value` against `schema`, each "<JSON pointer of the value>: <what>"; empty
  // when it is valid.
  std::vector<std::string> errors(const nlohmann::json& schema, const nlohmann::json& value) const;

  // The problems of the schemas themselves, everywhere in the document a schema may be (under
  // components/schemas and every "schema" key): unknown keywords, $refs that resolve to nothing,
  // malformed keyword values.
  std::vector<std::string> schema_problems() const;

 private:
  const nlohmann::json* resolve(const std::string& ref) const;
  void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& at,
             std::vector<std::string>& out) const;
  void check_object(const nlohmann::json& schema, const nlohmann::json& value,
                    const std::string& at, std::vector<std::string>& out) const;
  void find_schemas(const nlohmann::json& node, const std::string& at,
                    std::vector<std::string>& out) const;
  void check_schema(const nlohmann::json& schema, const std::string& at,
                    std::vector<std::string>& out) const;
  // The property names `schema` evaluates: its properties and those of its allOf members.
  void evaluated_names(const nlohmann::json& schema, std::vector<std::string>& names,
                       int depth) const;

  nlohmann::json document_;
};

}  // namespace suanli::test
