#include "central/core/ingest_batch.hpp"

#include <nlohmann/json.hpp>
#include <utility>

#include "config/strict_json.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;
using Result = Expected<std::vector<BatchMessage>, BatchProblem>;

std::optional<std::string> string_field(const json& message, const char* key) {
  auto it = message.find(key);
  if (it == message.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// A message that is not an object has no fields (nlohmann's find gives end()): topic "_/_/_".
BatchMessage batch_message(const json& m) {
  BatchMessage out;
  out.center = string_field(m, "center");
  out.node = string_field(m, "node");
  out.topic = "suanli/v1/" + out.center.value_or("_") + "/" + out.node.value_or("_") + "/" +
              string_field(m, "kind").value_or("_");
  out.payload = m.dump();
  return out;
}

Result refused(std::string message) {
  return Result::failure({std::move(message), std::nullopt, {}});
}

}  // namespace

Result parse_ingest_batch(std::string_view body) {
  // The body holds the messages one array deeper than on MQTT: the same depth limit for them.
  auto parsed = parse_strict_json(body, wire::kMaxDepth + 2);
  if (!parsed) {
    const bool deep = parsed.error().too_deep;
    return Result::failure({deep ? "body: nested deeper than a batch of messages may be"
                                 : "body: invalid JSON: " + parsed.error().detail,
                            deep ? wire::DecodeReason::too_deep : wire::DecodeReason::invalid_json,
                            parsed.error().detail});
  }
  const json& doc = *parsed;
  if (!doc.is_object() || doc.value("v", json()) != json(1)) {
    return refused("body: expected {\"v\":1,\"messages\":[...]}");
  }
  auto messages = doc.find("messages");
  if (messages == doc.end() || !messages->is_array() || messages->empty() ||
      messages->size() > kMaxBatchMessages) {
    return refused("messages: expected an array of 1 to 100 messages");
  }
  std::vector<BatchMessage> out;
  out.reserve(messages->size());
  for (const json& m : *messages)
    out.push_back(batch_message(m));
  return out;
}

}  // namespace suanli::central
