#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace suanli::config {

// The kind of value a key holds. `tristate` is "auto", true or false; `precision_map` is an
// object from precision names (fp16, ...) to finite numbers >= 0; `map` is an object whose
// member names are free (checked by the rule's check) and whose members have rules of their own.
enum class ValueType { string, integer, number, boolean, tristate, precision_map, map, array };

enum class Need { optional, required, required_for_service };

// Extra check on a value (or on a map's member names): returns a description of what was
// expected ("an id matching ...") when the value is bad, nothing when it is good.
using Check = std::optional<std::string> (*)(const nlohmann::json& value);

// One key of a config file. `path` is dotted; `*` stands for any member name of a map and `[]`
// after a segment for any element of an array: "centers.*.name", "collectors.sim.devices[].model".
struct KeyRule {
  std::string_view path{};
  ValueType type = ValueType::string;
  std::string_view default_json{};  // JSON text of the default; empty when there is none
  std::string_view description{};
  std::optional<double> min{};
  std::optional<double> max{};
  std::vector<std::string_view> one_of{};  // allowed values as JSON text
  Check check = nullptr;
  std::string_view check_doc{};  // how `check` reads in docs/configuration.md
  Need need = Need::optional;
  std::string_view default_doc{};  // shown instead of default_json when the default is computed
  // A file the program reads at start: --check-config reads it too (config/input_files.hpp).
  bool input_file = false;
};

// Member names captured by `*` and array indices captured by `[]`, in path order.
using Captures = std::vector<std::string>;

enum class Mode { tool, service };

// Every problem in `doc`, one line each, as "key.path: what was wrong".
std::vector<std::string> validate(const nlohmann::json& doc, std::span<const KeyRule> rules,
                                  Mode mode);

// Every place in `doc` that `path` names, with what `*` and `[]` captured there.
struct Match {
  Captures captures;
  const nlohmann::json* value;
};
std::vector<Match> find_all(const nlohmann::json& doc, std::string_view path);

// `doc` with every missing defaulted key (outside maps and arrays) filled in from its rule.
nlohmann::json with_defaults(const nlohmann::json& doc, std::span<const KeyRule> rules);

// A Markdown table of `rules` for docs/configuration.md.
std::string render_markdown(std::span<const KeyRule> rules);

// Checks shared by both programs' tables.
std::optional<std::string> check_id(const nlohmann::json& v);
std::optional<std::string> check_mqtt_uri(const nlohmann::json& v);
std::optional<std::string> check_http_url(const nlohmann::json& v);
std::optional<std::string> check_listen_address(const nlohmann::json& v);
std::optional<std::string> check_non_empty(const nlohmann::json& v);

}  // namespace suanli::config
