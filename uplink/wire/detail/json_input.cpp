#include "uplink/wire/detail/json_input.hpp"

#include <string>

#include "config/strict_json.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/detail/text.hpp"

namespace suanli::wire::detail {
namespace {

using Json = nlohmann::json;
using Result = Expected<Json, DecodeError>;

Result invalid(std::string detail) {
  return Result::failure({DecodeReason::invalid_json, "", std::move(detail)});
}

}  // namespace

Result parse_payload(std::string_view payload) {
  if (payload.empty()) return invalid("payload is empty");
  // nlohmann would skip it; protocol.md section 1 allows none.
  if (payload.starts_with("\xEF\xBB\xBF")) return invalid("payload starts with a byte order mark");
  auto doc = parse_strict_json(payload, kMaxDepth);
  if (!doc) {
    const JsonProblem& problem = doc.error();
    if (problem.too_deep) return Result::failure({DecodeReason::too_deep, "", problem.detail});
    return invalid(printable(problem.detail, 200));
  }
  return std::move(doc).value();
}

}  // namespace suanli::wire::detail
