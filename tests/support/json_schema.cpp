#include "tests/support/json_schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

namespace suanli::test {
namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> kKeywords = {"$ref",
                                                      "type",
                                                      "enum",
                                                      "minimum",
                                                      "maximum",
                                                      "properties",
                                                      "required",
                                                      "items",
                                                      "allOf",
                                                      "additionalProperties",
                                                      "unevaluatedProperties"};
const std::set<std::string, std::less<>> kAnnotations = {"description", "title", "format",
                                                         "examples", "default"};
const std::set<std::string, std::less<>> kTypes = {"null",   "boolean", "object", "array",
                                                   "number", "integer", "string"};
// Deeper $ref chains than this are a cycle.
constexpr int kMaxDepth = 64;

bool has_type(const json& value, std::string_view type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    return value.is_number_integer() ||
           (value.is_number_float() && std::trunc(value.get<double>()) == value.get<double>());
  }
  return false;
}

// A key as a JSON pointer's reference token.
std::string escaped(const std::string& key) {
  std::string out;
  for (char c : key)
    out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

// schema[key], or an empty object or array when it is absent (a reference, so that iterating its
// items() does not outlive a temporary).
const json& member(const json& schema, const char* key, const json& absent) {
  auto it = schema.find(key);
  return it == schema.end() ? absent : *it;
}
const json kNoObject = json::object();
const json kNoArray = json::array();

std::string type_names(const json& type) {
  return type.is_array() ? type.dump() : type.get<std::string>();
}

}  // namespace

JsonSchema::JsonSchema(json document) : document_(std::move(document)) {}

const json* JsonSchema::resolve(const std::string& ref) const {
  if (!ref.starts_with("#/")) return nullptr;
  try {
    const json::json_pointer pointer(ref.substr(1));
    return document_.contains(pointer) ? &document_.at(pointer) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

std::vector<std::string> JsonSchema::errors(const json& schema, const json& value) const {
  std::vector<std::string> out;
  check(schema, value, "", out);
  return out;
}

void JsonSchema::check(const json& schema, const json& value, const std::string& at,
                       std::vector<std::string>& out) const {
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) out.push_back(at + ": no value is allowed here");
    return;
  }
  if (!schema.is_object()) {
    out.push_back(at + ": the schema is not an object");
    return;
  }
  if (at.size() > 4096) {
    out.push_back(at + ": nested too deeply");
    return;
  }
  for (const auto& [key, _] : schema.items()) {
    if (!kKeywords.contains(key) && !kAnnotations.contains(key)) {
      out.push_back(at + ": the schema uses \"" + key + "\", which this validator does not know");
    }
  }
  if (auto ref = schema.find("$ref"); ref != schema.end()) {
    const json* target = ref->is_string() ? resolve(ref->get<std::string>()) : nullptr;
    if (target == nullptr) {
      out.push_back(at + ": $ref " + ref->dump() + " resolves to nothing");
    } else {
      check(*target, value, at, out);
    }
  }
  if (auto type = schema.find("type"); type != schema.end()) {
    const json names = type->is_array() ? *type : json::array({*type});
    bool matched = std::any_of(names.begin(), names.end(), [&](const json& name) {
      return name.is_string() && has_type(value, name.get<std::string>());
    });
    if (!matched) out.push_back(at + ": " + value.dump() + " is not of type " + type_names(*type));
  }
  if (auto allowed = schema.find("enum"); allowed != schema.end()) {
    if (!allowed->is_array() ||
        std::find(allowed->begin(), allowed->end(), value) == allowed->end()) {
      out.push_back(at + ": " + value.dump() + " is not one of " + allowed->dump());
    }
  }
  if (value.is_number()) {
    auto min = schema.find("minimum");
    if (min != schema.end() && value.get<double>() < min->get<double>()) {
      out.push_back(at + ": " + value.dump() + " is below the minimum " + min->dump());
    }
    auto max = schema.find("maximum");
    if (max != schema.end() && value.get<double>() > max->get<double>()) {
      out.push_back(at + ": " + value.dump() + " is above the maximum " + max->dump());
    }
  }
  if (auto all = schema.find("allOf"); all != schema.end()) {
    for (const json& member : *all)
      check(member, value, at, out);
  }
  if (auto items = schema.find("items"); items != schema.end() && value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      check(*items, value[i], at + "/" + std::to_string(i), out);
  }
  if (value.is_object()) check_object(schema, value, at, out);
}

void JsonSchema::check_object(const json& schema, const json& value, const std::string& at,
                              std::vector<std::string>& out) const {
  const json& properties = member(schema, "properties", kNoObject);
  for (const auto& [key, member] : value.items()) {
    const std::string where = at + "/" + escaped(key);
    if (properties.contains(key)) {
      check(properties[key], member, where, out);
    } else if (schema.contains("additionalProperties")) {
      check(schema["additionalProperties"], member, where, out);
    }
  }
  for (const json& name : member(schema, "required", kNoArray)) {
    if (!value.contains(name.get<std::string>())) {
      out.push_back(at + ": the required property " + name.dump() + " is missing");
    }
  }
  if (auto unevaluated = schema.find("unevaluatedProperties");
      unevaluated != schema.end() && *unevaluated == false) {
    std::vector<std::string> names;
    evaluated_names(schema, names, 0);
    for (const auto& [key, _] : value.items()) {
      if (std::ranges::find(names, key) == names.end()) {
        out.push_back(at + "/" + escaped(key) + ": a property the schema does not describe");
      }
    }
  }
}

void JsonSchema::evaluated_names(const json& schema, std::vector<std::string>& names,
                                 int depth) const {
  if (!schema.is_object() || depth > kMaxDepth) return;
  for (const auto& [key, _] : member(schema, "properties", kNoObject).items())
    names.push_back(key);
  if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
    if (const json* target = resolve(ref->get<std::string>()))
      evaluated_names(*target, names, depth + 1);
  }
  for (const json& member : member(schema, "allOf", kNoArray))
    evaluated_names(member, names, depth + 1);
}

std::vector<std::string> JsonSchema::schema_problems() const {
  std::vector<std::string> out;
  find_schemas(document_, "", out);
  return out;
}

void JsonSchema::find_schemas(const json& node, const std::string& at,
                              std::vector<std::string>& out) const {
  if (!node.is_object() && !node.is_array()) return;
  for (const auto& [key, value] : node.items()) {
    const std::string where = at + "/" + escaped(key);
    if (node.is_object() && (key == "schema" || at == "/components/schemas")) {
      check_schema(value, where, out);
    } else {
      find_schemas(value, where, out);
    }
  }
}

void JsonSchema::check_schema(const json& schema, const std::string& at,
                              std::vector<std::string>& out) const {
  if (schema.is_boolean()) return;
  if (!schema.is_object()) {
    out.push_back(at + ": the schema is not an object");
    return;
  }
  for (const auto& [key, value] : schema.items()) {
    const std::string where = at + "/" + escaped(key);
    if (kAnnotations.contains(key)) continue;
    if (!kKeywords.contains(key)) {
      out.push_back(where + ": \"" + key + "\" is not a keyword this validator knows");
    } else if (key == "$ref") {
      if (!value.is_string() || resolve(value.get<std::string>()) == nullptr) {
        out.push_back(where + ": " + value.dump() + " resolves to nothing");
      }
    } else if (key == "type") {
      const json names = value.is_array() ? value : json::array({value});
      for (const json& name : names) {
        if (!name.is_string() || !kTypes.contains(name.get<std::string>()))
          out.push_back(where + ": " + name.dump() + " is not a type");
      }
    } else if (key == "properties") {
      if (!value.is_object()) out.push_back(where + ": not an object");
      for (const auto& [name, member] : value.items())
        check_schema(member, where + "/" + escaped(name), out);
    } else if (key == "items" || key == "additionalProperties") {
      check_schema(value, where, out);
    } else if (key == "allOf") {
      if (!value.is_array()) out.push_back(where + ": not an array");
      for (std::size_t i = 0; i < value.size(); ++i)
        check_schema(value[i], where + "/" + std::to_string(i), out);
    } else if ((key == "required" || key == "enum") && !value.is_array()) {
      out.push_back(where + ": not an array");
    } else if ((key == "minimum" || key == "maximum") && !value.is_number()) {
      out.push_back(where + ": not a number");
    } else if (key == "unevaluatedProperties" && value != false) {
      out.push_back(where + ": only false is supported");
    }
  }
  for (const json& name : member(schema, "required", kNoArray)) {
    if (!name.is_string()) out.push_back(at + "/required: " + name.dump() + " is not a name");
  }
}

}  // namespace suanli::test
