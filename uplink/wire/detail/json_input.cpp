#include "uplink/wire/detail/json_input.hpp"

#include <string>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/json_parser.hpp"

namespace suanli::wire::detail {

Expected<simdjson::dom::element, DecodeError> parse_payload(std::string_view payload) {
  const auto refuse = [](const char* detail) {
    return Expected<simdjson::dom::element, DecodeError>::failure(
        {DecodeReason::invalid_json, "", detail});
  };
  if (payload.empty()) return refuse("payload is empty");
  // protocol.md section 1 allows none.
  if (payload.starts_with("\xEF\xBB\xBF")) return refuse("payload starts with a byte order mark");
  thread_local JsonParser parser(kMaxDepth);
  return parser.parse(payload);
}

}  // namespace suanli::wire::detail
