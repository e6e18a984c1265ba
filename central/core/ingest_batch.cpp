#include "central/core/ingest_batch.hpp"

#include <utility>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/json_parser.hpp"

namespace suanli::central {
namespace {

using Result = Expected<std::vector<BatchMessage>, BatchProblem>;

std::optional<std::string> string_field(simdjson::dom::object message, const char* key) {
  std::string_view value;
  if (message[key].get_string().get(value)) return std::nullopt;
  return std::string(value);
}

// A message that is not an object has no fields: topic "_/_/_".
BatchMessage batch_message(simdjson::dom::element m) {
  simdjson::dom::object fields;
  const bool is_object = m.get_object().get(fields) == simdjson::SUCCESS;
  BatchMessage out;
  if (is_object) {
    out.center = string_field(fields, "center");
    out.node = string_field(fields, "node");
  }
  const auto kind = is_object ? string_field(fields, "kind") : std::nullopt;
  out.topic = "suanli/v1/" + out.center.value_or("_") + "/" + out.node.value_or("_") + "/" +
              kind.value_or("_");
  out.payload = simdjson::minify(m);
  return out;
}

Result refused(std::string message) {
  return Result::failure({std::move(message), std::nullopt, {}});
}

}  // namespace

Result parse_ingest_batch(std::string_view body) {
  // The body holds the messages one array deeper than on MQTT: the same depth limit for them.
  wire::JsonParser parser(wire::kMaxDepth + 2);
  auto parsed = parser.parse(body);
  if (!parsed) {
    const wire::DecodeError& e = parsed.error();
    const bool deep = e.reason == wire::DecodeReason::too_deep;
    return Result::failure({deep ? "body: nested deeper than a batch of messages may be"
                                 : "body: invalid JSON: " + e.detail,
                            e.reason, e.detail});
  }
  simdjson::dom::object doc;
  double v = 0;  // 1 in any spelling (1.0, 1e0), as before
  if (parsed->get_object().get(doc) || doc["v"].get_double().get(v) || v != 1) {
    return refused("body: expected {\"v\":1,\"messages\":[...]}");
  }
  simdjson::dom::array messages;
  if (doc["messages"].get_array().get(messages) || messages.size() == 0 ||
      messages.size() > kMaxBatchMessages) {
    return refused("messages: expected an array of 1 to 100 messages");
  }
  std::vector<BatchMessage> out;
  out.reserve(messages.size());
  for (const simdjson::dom::element m : messages)
    out.push_back(batch_message(m));
  return out;
}

}  // namespace suanli::central
