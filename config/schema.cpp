#include "config/schema.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/ids.hpp"
#include "config/precision.hpp"

namespace suanli::config {
namespace {

using nlohmann::json;

constexpr std::string_view kArrayMark = "[]";

// "collectors.sim.devices[].model" -> collectors, sim, devices, [], model
std::vector<std::string> split_pattern(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string_view seg =
        path.substr(start, dot == std::string_view::npos ? path.npos : dot - start);
    if (seg.size() > 2 && seg.ends_with(kArrayMark)) {
      out.emplace_back(seg.substr(0, seg.size() - 2));
      out.emplace_back(kArrayMark);
    } else {
      out.emplace_back(seg);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// A concrete position in a document: member names, and "[i]" for array elements.
using Position = std::vector<std::string>;

bool is_index(const std::string& s) {
  return s.size() > 2 && s.front() == '[';
}

std::string join(const Position& pos) {
  std::string out;
  for (const auto& seg : pos) {
    if (!out.empty() && !is_index(seg)) out += '.';
    out += seg;
  }
  return out;
}

bool segment_matches(const std::string& pattern, const std::string& concrete) {
  if (pattern == kArrayMark) return is_index(concrete);
  if (is_index(concrete)) return false;
  return pattern == "*" || pattern == concrete;
}

enum class Relation { none, exact, prefix };

Relation relate(const std::vector<std::string>& pattern, const Position& pos) {
  if (pos.size() > pattern.size()) return Relation::none;
  for (std::size_t i = 0; i < pos.size(); ++i) {
    if (!segment_matches(pattern[i], pos[i])) return Relation::none;
  }
  return pos.size() == pattern.size() ? Relation::exact : Relation::prefix;
}

std::string shown(const json& v) {
  std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

std::string format_number(double x) {
  std::ostringstream os;
  os.precision(15);
  os << x;
  return os.str();
}

std::string type_name(ValueType t) {
  switch (t) {
    case ValueType::string:
      return "string";
    case ValueType::integer:
      return "integer";
    case ValueType::number:
      return "number";
    case ValueType::boolean:
      return "boolean";
    case ValueType::tristate:
      return "\"auto\", true or false";
    case ValueType::precision_map:
      return "object: precision -> TFLOPS";
    case ValueType::map:
      return "object";
    case ValueType::array:
      return "array";
  }
  return "?";
}

std::string expected_type(ValueType t) {
  switch (t) {
    case ValueType::string:
      return "a string";
    case ValueType::integer:
      return "an integer";
    case ValueType::number:
      return "a number";
    case ValueType::boolean:
      return "true or false";
    case ValueType::tristate:
      return "\"auto\", true or false";
    case ValueType::precision_map:
      return "an object of precision: TFLOPS";
    case ValueType::map:
      return "an object";
    case ValueType::array:
      return "an array";
  }
  return "?";
}

bool has_type(const json& v, ValueType t) {
  switch (t) {
    case ValueType::string:
      return v.is_string();
    case ValueType::integer:
      return v.is_number_integer();
    case ValueType::number:
      return v.is_number();
    case ValueType::boolean:
      return v.is_boolean();
    case ValueType::tristate:
      return v.is_boolean() || (v.is_string() && v == "auto");
    case ValueType::precision_map:
    case ValueType::map:
      return v.is_object();
    case ValueType::array:
      return v.is_array();
  }
  return false;
}

std::string allowed_text(const KeyRule& rule) {
  if (!rule.one_of.empty()) {
    std::string out;
    for (std::size_t i = 0; i < rule.one_of.size(); ++i) {
      if (i > 0) out += (i + 1 == rule.one_of.size()) ? " or " : ", ";
      out += rule.one_of[i];
    }
    return rule.one_of.size() > 2 ? "one of " + out : out;
  }
  std::string kind = rule.type == ValueType::integer ? "an integer" : "a number";
  if (rule.min && rule.max) {
    return kind + " from " + format_number(*rule.min) + " to " + format_number(*rule.max);
  }
  if (rule.min) return kind + " >= " + format_number(*rule.min);
  if (rule.max) return kind + " <= " + format_number(*rule.max);
  return expected_type(rule.type);
}

std::optional<std::string> check_value(const KeyRule& rule, const json& v) {
  if (!has_type(v, rule.type)) return "expected " + expected_type(rule.type) + ", got " + shown(v);
  if (!rule.one_of.empty()) {
    bool found = std::any_of(rule.one_of.begin(), rule.one_of.end(),
                             [&](std::string_view text) { return json::parse(text) == v; });
    if (!found) return "expected " + allowed_text(rule) + ", got " + shown(v);
  }
  if (v.is_number()) {
    double x = v.get<double>();
    if (!std::isfinite(x) || (rule.min && x < *rule.min) || (rule.max && x > *rule.max)) {
      return "expected " + allowed_text(rule) + ", got " + shown(v);
    }
  }
  if (rule.type == ValueType::precision_map) {
    for (const auto& [key, value] : v.items()) {
      if (!parse_precision(key)) {
        return "unknown precision \"" + key +
               "\" (expected fp64, fp64_tensor, fp32, tf32, fp16, bf16, fp8 or int8)";
      }
      if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
        return key + ": expected a number >= 0 (TFLOPS), got " + shown(value);
      }
    }
  }
  if (rule.check && rule.type != ValueType::map) {
    if (auto want = rule.check(v)) return "expected " + *want + ", got " + shown(v);
  }
  return std::nullopt;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

struct CompiledRule {
  const KeyRule* rule;
  std::vector<std::string> pattern;
};

class Validator {
 public:
  Validator(std::span<const KeyRule> rules, Mode mode) : mode_(mode) {
    for (const auto& r : rules)
      compiled_.push_back({&r, split_pattern(r.path)});
  }

  std::vector<std::string> run(const json& doc) {
    if (!doc.is_object()) {
      problems_.push_back("(top level): expected a JSON object, got " + shown(doc));
      return problems_;
    }
    Position pos;
    walk_members(doc, pos);
    check_required(doc);
    return problems_;
  }

 private:
  void walk_members(const json& obj, Position& pos) {
    for (const auto& [key, value] : obj.items()) {
      pos.push_back(key);
      visit(value, pos);
      pos.pop_back();
    }
  }

  void visit(const json& value, Position& pos) {
    const CompiledRule* exact = nullptr;
    const CompiledRule* deeper = nullptr;
    for (const auto& c : compiled_) {
      Relation rel = relate(c.pattern, pos);
      if (rel == Relation::exact && !exact) exact = &c;
      if (rel == Relation::prefix && !deeper) deeper = &c;
    }
    if (exact) {
      if (auto problem = check_value(*exact->rule, value)) {
        problems_.push_back(join(pos) + ": " + *problem);
        return;
      }
      if (exact->rule->type == ValueType::map && exact->rule->check) {
        check_member_names(*exact->rule, value, pos);
      }
      if (exact->rule->type != ValueType::map && exact->rule->type != ValueType::array) return;
    }
    if (!deeper) {
      if (!exact) problems_.push_back(join(pos) + ": unknown key" + suggestion(pos));
      return;
    }
    const std::string& next = deeper->pattern[pos.size()];
    if (next == kArrayMark) {
      if (!value.is_array()) {
        problems_.push_back(join(pos) + ": expected an array, got " + shown(value));
        return;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        pos.push_back("[" + std::to_string(i) + "]");
        visit(value[i], pos);
        pos.pop_back();
      }
      return;
    }
    if (!value.is_object()) {
      problems_.push_back(join(pos) + ": expected an object, got " + shown(value));
      return;
    }
    walk_members(value, pos);
  }

  void check_member_names(const KeyRule& rule, const json& obj, Position& pos) {
    for (const auto& [key, value] : obj.items()) {
      (void)value;
      if (auto want = rule.check(json(key))) {
        pos.push_back(key);
        problems_.push_back(join(pos) + ": bad name, expected " + *want);
        pos.pop_back();
      }
    }
  }

  // Keys a misspelt key may have meant: known keys one level up whose last segment is close.
  std::string suggestion(const Position& pos) const {
    const std::string& last = pos.back();
    for (const auto& c : compiled_) {
      if (c.pattern.size() != pos.size()) continue;
      Position parent(pos.begin(), pos.end() - 1);
      if (relate(c.pattern, parent) != Relation::prefix) continue;
      const std::string& name = c.pattern.back();
      if (name != "*" && name != kArrayMark && edit_distance(name, last) <= 2) {
        Position fixed = parent;
        fixed.push_back(name);
        return " (did you mean " + join(fixed) + "?)";
      }
    }
    return "";
  }

  void check_required(const json& doc) {
    for (const auto& c : compiled_) {
      bool needed = c.rule->need == Need::required ||
                    (c.rule->need == Need::required_for_service && mode_ == Mode::service);
      if (!needed) continue;
      std::string_view path = c.rule->path;
      auto dot = path.rfind('.');
      std::string parent_path(dot == std::string_view::npos ? "" : path.substr(0, dot));
      std::string leaf(dot == std::string_view::npos ? path : path.substr(dot + 1));
      std::vector<Match> parents;
      if (parent_path.empty()) {
        parents.push_back({{}, &doc});
      } else {
        parents = find_all(doc, parent_path);
      }
      for (const auto& parent : parents) {
        if (!parent.value->is_object() || parent.value->contains(leaf)) continue;
        std::string where = parent_path;
        std::size_t from = 0;  // past the captures already written, which may hold '['
        for (const auto& cap : parent.captures) {
          auto star = where.find_first_of("*[", from);
          if (star == std::string::npos) break;
          bool index = where[star] == '[';
          std::string replacement = index ? "[" + cap + "]" : cap;
          where.replace(star, index ? 2 : 1, replacement);
          from = star + replacement.size();
        }
        problems_.push_back((where.empty() ? leaf : where + "." + leaf) + ": required");
      }
    }
  }

  Mode mode_;
  std::vector<CompiledRule> compiled_;
  std::vector<std::string> problems_;
};

void collect(const json& node, const std::vector<std::string>& pattern, std::size_t at,
             Captures& caps, std::vector<Match>& out) {
  if (at == pattern.size()) {
    out.push_back({caps, &node});
    return;
  }
  const std::string& seg = pattern[at];
  if (seg == kArrayMark) {
    if (!node.is_array()) return;
    for (std::size_t i = 0; i < node.size(); ++i) {
      caps.push_back(std::to_string(i));
      collect(node[i], pattern, at + 1, caps, out);
      caps.pop_back();
    }
    return;
  }
  if (!node.is_object()) return;
  if (seg == "*") {
    for (const auto& [key, value] : node.items()) {
      caps.push_back(key);
      collect(value, pattern, at + 1, caps, out);
      caps.pop_back();
    }
    return;
  }
  auto it = node.find(seg);
  if (it != node.end()) collect(*it, pattern, at + 1, caps, out);
}

std::string escape_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> validate(const json& doc, std::span<const KeyRule> rules, Mode mode) {
  return Validator(rules, mode).run(doc);
}

std::vector<Match> find_all(const json& doc, std::string_view path) {
  std::vector<Match> out;
  Captures caps;
  collect(doc, split_pattern(path), 0, caps, out);
  return out;
}

json with_defaults(const json& doc, std::span<const KeyRule> rules) {
  json out = doc.is_object() ? doc : json::object();
  for (const auto& rule : rules) {
    if (rule.default_json.empty()) continue;
    std::string_view path = rule.path;
    auto dot = path.rfind('.');
    std::string leaf(dot == std::string_view::npos ? path : path.substr(dot + 1));
    if (path.substr(0, dot == std::string_view::npos ? 0 : dot).find_first_of("*[") ==
        std::string_view::npos) {
      json::json_pointer ptr;
      for (const auto& seg : split_pattern(path))
        ptr /= seg;
      if (!out.contains(ptr)) out[ptr] = json::parse(rule.default_json);
      continue;
    }
    for (const auto& parent : find_all(out, path.substr(0, dot))) {
      auto& obj = const_cast<json&>(*parent.value);
      if (obj.is_object() && !obj.contains(leaf)) obj[leaf] = json::parse(rule.default_json);
    }
  }
  return out;
}

std::string render_markdown(std::span<const KeyRule> rules) {
  std::ostringstream md;
  md << "| key | type | default | allowed | description |\n";
  md << "|---|---|---|---|---|\n";
  for (const auto& rule : rules) {
    std::string def = !rule.default_doc.empty()     ? std::string(rule.default_doc)
                      : !rule.default_json.empty()  ? "`" + std::string(rule.default_json) + "`"
                      : rule.need == Need::required ? "(required)"
                      : rule.need == Need::required_for_service ? "(required to run as a service)"
                                                                : "(none)";
    std::string allowed;
    if (!rule.one_of.empty() || rule.min || rule.max) allowed = allowed_text(rule);
    if (rule.check) {
      if (!allowed.empty()) allowed += "; ";
      allowed +=
          (rule.type == ValueType::map ? "member names: " : "") + std::string(rule.check_doc);
    }
    if (rule.input_file) allowed += "; a readable file (`--check-config` reads it)";
    md << "| `" << rule.path << "` | " << escape_cell(type_name(rule.type)) << " | "
       << escape_cell(def) << " | " << escape_cell(allowed) << " | "
       << escape_cell(rule.description) << " |\n";
  }
  return md.str();
}

std::optional<std::string> check_id(const json& v) {
  if (v.is_string() && is_valid_id(v.get<std::string>())) return std::nullopt;
  return "an id matching " + std::string(kIdPattern);
}

namespace {

// host:port with a port from 1 to 65535 and a non-empty host without spaces or slashes.
bool is_host_port(std::string_view s) {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  std::string_view host = s.substr(0, colon);
  std::string_view port = s.substr(colon + 1);
  if (host.find_first_of(" /\t") != std::string_view::npos) return false;
  if (port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit)) return false;
  int p = std::stoi(std::string(port));
  return p >= 1 && p <= 65535;
}

}  // namespace

std::optional<std::string> check_mqtt_uri(const json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : "";
  for (std::string_view scheme : {"mqtt://", "mqtts://"}) {
    if (s.starts_with(scheme) && is_host_port(std::string_view(s).substr(scheme.size()))) {
      return std::nullopt;
    }
  }
  return "mqtt://host:port or mqtts://host:port";
}

std::optional<std::string> check_http_url(const json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : "";
  for (std::string_view scheme : {"http://", "https://"}) {
    if (s.starts_with(scheme) && s.size() > scheme.size() &&
        s.find_first_of(" \t\n") == std::string::npos) {
      return std::nullopt;
    }
  }
  return "an http:// or https:// URL";
}

std::optional<std::string> check_listen_address(const json& v) {
  if (v.is_string() && is_host_port(v.get<std::string>())) return std::nullopt;
  return "host:port (e.g. 127.0.0.1:8080)";
}

std::optional<std::string> check_non_empty(const json& v) {
  if (v.is_string() && !v.get<std::string>().empty()) return std::nullopt;
  return "a non-empty string";
}

}  // namespace suanli::config
