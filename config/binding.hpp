#pragma once

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_file.hpp"
#include "config/expected.hpp"
#include "config/schema.hpp"

namespace suanli::config {

// A key of a program's config: its rule, and where its value goes in the typed config.
template <class Config>
struct Key {
  KeyRule rule;
  std::function<void(Config& cfg, const Captures& captures, const nlohmann::json& value)> apply;
};

template <class T>
void assign(T& target, const nlohmann::json& value) {
  target = value.get<T>();
}

template <class T>
void assign(std::optional<T>& target, const nlohmann::json& value) {
  target = value.get<T>();
}

// The element `index` (a captured array index) of `items`, grown to hold it.
template <class T>
T& element(std::vector<T>& items, const std::string& index) {
  std::size_t i = std::stoul(index);
  if (items.size() <= i) items.resize(i + 1);
  return items[i];
}

// `text`, kept for the life of the program: KeyRule holds views, and a path or text made at run
// time (a backend's keys, a declared device's under its array) must outlive it.
inline std::string_view interned(std::string text) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> texts;
  std::lock_guard lock(mutex);
  return *texts.insert(std::move(text)).first;
}

template <class Config>
std::vector<KeyRule> rules_of(const std::vector<Key<Config>>& keys) {
  std::vector<KeyRule> rules;
  rules.reserve(keys.size());
  for (const auto& k : keys)
    rules.push_back(k.rule);
  return rules;
}

// A check across two keys: `key` (value `value`) must not be below `floor_key` (`floor`).
inline void require_at_least(Problems& problems, std::string_view key, long long value,
                             std::string_view floor_key, long long floor) {
  if (value >= floor) return;
  problems.push_back(std::string(key) + ": must be >= " + std::string(floor_key) + " (" +
                     std::to_string(floor) + "), got " + std::to_string(value));
}

// A pair of keys set together or not at all ("cert_file" and "key_file" of one "prefix"): the
// missing one is named.
inline void require_pair(Problems& problems, std::string_view prefix, std::string_view first,
                         bool has_first, std::string_view second, bool has_second) {
  if (has_first == has_second) return;
  std::string p(prefix);
  problems.push_back(p + std::string(has_first ? second : first) + ": required when the other of " +
                     p + std::string(first) + " and " + std::string(second) + " is set");
}

// Validates `doc` against `keys`, then fills a Config from it and from the keys' defaults.
template <class Config>
Expected<Config, std::vector<std::string>> bind_config(const nlohmann::json& doc,
                                                       const std::vector<Key<Config>>& keys,
                                                       Mode mode) {
  auto rules = rules_of(keys);
  auto problems = validate(doc, rules, mode);
  if (!problems.empty()) {
    return Expected<Config, std::vector<std::string>>::failure(std::move(problems));
  }
  const nlohmann::json full = with_defaults(doc, rules);
  Config cfg{};
  for (const auto& key : keys) {
    if (!key.apply) continue;
    for (const auto& match : find_all(full, key.rule.path)) {
      key.apply(cfg, match.captures, *match.value);
    }
  }
  return cfg;
}

// Parses, validates and binds a config text, then runs `finish` (defaults computed at run time,
// checks across keys), which returns problems of its own.
template <class Config, class Finish>
Expected<Config, Problems> load_config(const std::string& text, const std::string& origin,
                                       const std::vector<Key<Config>>& keys, Finish finish,
                                       Mode mode) {
  auto doc = parse_json_text(text, origin);
  if (!doc) return Expected<Config, Problems>::failure(doc.error());
  try {
    auto cfg = bind_config(*doc, keys, mode);
    if (!cfg) return cfg;
    Problems problems = finish(*cfg);
    if (!problems.empty()) return Expected<Config, Problems>::failure(std::move(problems));
    return cfg;
  } catch (const std::exception& e) {  // a gap in the rules; a running program keeps its config
    return Expected<Config, Problems>::failure({origin + ": cannot load: " + e.what()});
  }
}

template <class Config, class Finish>
Expected<Config, Problems> load_config_file(const std::string& path,
                                            const std::vector<Key<Config>>& keys, Finish finish,
                                            Mode mode) {
  auto text = read_text_file(path);
  if (!text) return Expected<Config, Problems>::failure(text.error());
  return load_config(*text, path, keys, finish, mode);
}

}  // namespace suanli::config

// The `apply` of a Key: assigns the key's value to the config member `target`. In `target`,
// `c` is the config and `k` the captures of `*` and `[]` (k[0] is the first).
#define SUANLI_BIND(target)                                                                      \
  [](auto& c, [[maybe_unused]] const ::suanli::config::Captures& k, const ::nlohmann::json& v) { \
    ::suanli::config::assign(target, v);                                                         \
  }
