#include "config/strict_json.hpp"

#include <functional>
#include <unordered_set>
#include <vector>

namespace suanli {
namespace {

using Json = nlohmann::json;
using Result = Expected<Json, JsonProblem>;

// nlohmann keeps the last of repeated keys; a strict reader refuses them instead.
class DuplicateKeyCheck {
 public:
  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        open_.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!open_.empty()) open_.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!open_.empty() && !open_.back().insert(parsed.get<std::string>()).second &&
            !duplicate_) {
          duplicate_ = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  }
  const std::optional<std::string>& duplicate() const { return duplicate_; }

 private:
  std::vector<std::unordered_set<std::string>> open_;
  std::optional<std::string> duplicate_;
};

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string without_exception_id(std::string_view what) {
  if (const auto end = what.find("] "); what.starts_with('[') && end != what.npos) {
    what.remove_prefix(end + 2);
  }
  return std::string(what);
}

}  // namespace

bool json_within_depth(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  JsonStringScan scan;
  for (const char c : text) {
    if (scan.in_string(c)) continue;
    if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

Result parse_strict_json(std::string_view text, std::size_t max_depth) {
  if (!json_within_depth(text, max_depth)) {
    return Result::failure(
        {.too_deep = true,
         .detail = "nesting is deeper than " + std::to_string(max_depth) + " levels"});
  }
  DuplicateKeyCheck check;
  Json doc;
  try {
    doc = Json::parse(text.begin(), text.end(), std::ref(check));
  } catch (const Json::parse_error& e) {
    // e.byte is one past the offending byte.
    return Result::failure(
        {.detail = without_exception_id(e.what()), .byte = e.byte > 0 ? e.byte - 1 : 0});
  } catch (const Json::exception& e) {  // a number out of range, ...
    return Result::failure({.detail = without_exception_id(e.what())});
  }
  if (check.duplicate()) {
    return Result::failure(
        {.detail = "key \"" + *check.duplicate() + "\" is repeated in one object"});
  }
  return doc;
}

}  // namespace suanli
