#pragma once

// What the fake vendor libraries' scenarios share: per-call sequences, checked integers, and the
// file an environment variable names.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace suanli::fake_support {

// One value per call, the last one repeating; empty when the scenario does not give it.
using Sequence = std::vector<std::int64_t>;

// The value of call `call` (0-based); nothing for an empty sequence.
inline std::optional<std::int64_t> value_at(const Sequence& seq, std::int64_t call) {
  if (seq.empty()) return std::nullopt;
  const auto last = static_cast<std::int64_t>(seq.size()) - 1;
  return seq[static_cast<std::size_t>(std::clamp<std::int64_t>(call, 0, last))];
}

// Sets `out` to the value of call `call`; false when the sequence is empty (not in the scenario).
template <class T>
bool take(const Sequence& seq, std::int64_t call, T& out) {
  const auto v = value_at(seq, call);
  if (v) out = static_cast<T>(*v);
  return v.has_value();
}

[[noreturn]] inline void bad(const std::string& why) {
  throw std::invalid_argument(why);
}

// An integer in [lo, hi]; throws std::invalid_argument otherwise.
inline std::int64_t integer(const nlohmann::json& v,
                            std::int64_t lo = std::numeric_limits<std::int32_t>::min(),
                            std::int64_t hi = std::numeric_limits<std::uint32_t>::max()) {
  if (!v.is_number_integer()) bad("not an integer");
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
    bad("out of range");
  }
  const auto n = v.get<std::int64_t>();
  if (n < lo || n > hi) bad("out of range");
  return n;
}

// obj[key] as a T checked to lie in [lo, hi]; nothing when absent.
template <class T>
std::optional<T> maybe(const nlohmann::json& obj, const char* key,
                       std::int64_t lo = std::numeric_limits<std::int32_t>::min(),
                       std::int64_t hi = std::numeric_limits<std::uint32_t>::max()) {
  if (!obj.contains(key)) return std::nullopt;
  return static_cast<T>(integer(obj.at(key), lo, hi));
}

// obj[key]: one integer or an array of them; empty when absent.
inline Sequence sequence(const nlohmann::json& obj, const char* key) {
  if (!obj.contains(key)) return {};
  const nlohmann::json& v = obj.at(key);
  if (!v.is_array()) return {integer(v)};
  Sequence out;
  for (const nlohmann::json& item : v)
    out.push_back(integer(item));
  return out;
}

// What every fake's scenario fault has: calls of `function` numbered from_call ..
// from_call+calls-1 (0-based, counted per function and device; all from from_call when `calls`
// is absent) wait block_ms, then answer code unless it is 0.
struct CallWindow {
  std::string function;
  std::int64_t from_call = 0;
  std::optional<std::int64_t> calls;
  int code = 0;
  int block_ms = 0;

  bool covers(std::string_view fn, std::int64_t index) const {
    return function == fn && index >= from_call && (!calls || index - from_call < *calls);
  }
};

inline CallWindow call_window(const nlohmann::json& j) {
  CallWindow w;
  w.function = j.at("function").get<std::string>();
  w.from_call = maybe<std::int64_t>(j, "from_call", 0).value_or(0);
  w.calls = maybe<std::int64_t>(j, "calls", 0);
  w.code = maybe<int>(j, "code", std::numeric_limits<std::int32_t>::min(),
                      std::numeric_limits<std::int32_t>::max())
               .value_or(0);
  w.block_ms = maybe<int>(j, "block_ms", 0, 600000).value_or(0);
  return w;
}

// The text of the file that environment variable `env_var` names; nothing when it is unset or
// the file cannot be read.
inline std::optional<std::string> read_file_named_by(const char* env_var) {
  const char* path = std::getenv(env_var);
  if (!path || !*path) return std::nullopt;
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace suanli::fake_support
