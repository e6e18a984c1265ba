#include "uplink/wire/detail/json_input.hpp"

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/detail/text.hpp"

namespace suanli::wire::detail {
namespace {

using Json = nlohmann::json;
using Result = Expected<Json, DecodeError>;

// Counts brackets outside strings, so that the parser never sees a deeper document.
bool within_depth(std::string_view payload, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : payload) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

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

Result invalid(std::string detail) {
  return Result::failure({DecodeReason::invalid_json, "", std::move(detail)});
}

}  // namespace

Result parse_payload(std::string_view payload) {
  if (!within_depth(payload, kMaxDepth)) {
    return Result::failure({DecodeReason::too_deep, "",
                            "nesting is deeper than " + std::to_string(kMaxDepth) + " levels"});
  }
  if (payload.empty()) return invalid("payload is empty");
  // nlohmann would skip it; protocol.md section 1 allows none.
  if (payload.starts_with("\xEF\xBB\xBF")) return invalid("payload starts with a byte order mark");
  DuplicateKeyCheck check;
  Json doc;
  try {
    doc = Json::parse(payload.begin(), payload.end(), std::ref(check));
  } catch (const Json::exception& e) {
    std::string_view what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (const auto end = what.find("] "); what.starts_with('[') && end != what.npos) {
      what.remove_prefix(end + 2);
    }
    return invalid(printable(what, 200));
  }
  if (check.duplicate()) {
    return invalid("key \"" + printable(*check.duplicate()) + "\" is repeated in one object");
  }
  return doc;
}

}  // namespace suanli::wire::detail
