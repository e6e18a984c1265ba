#include "central/core/ingest.hpp"

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {

IngestResult Ingest::refuse(std::string_view reason, std::string detail) {
  rejects_.count(reason);
  IngestResult r;
  r.reject_reason = std::string(reason);
  r.reject_detail = std::move(detail);
  return r;
}

namespace {

DecodedMessage decode_refusal(std::string_view reason, std::string detail) {
  return {.message = std::nullopt,
          .reject_reason = std::string(reason),
          .reject_detail = std::move(detail)};
}

}  // namespace

DecodedMessage Ingest::decode(std::string_view topic, std::string_view payload) {
  if (payload.size() > wire::kMaxPayloadBytes) {
    return decode_refusal(wire::to_string(wire::DecodeReason::too_large),
                          "payload over " + std::to_string(wire::kMaxPayloadBytes) + " bytes");
  }
  if (wire::is_reserved_topic(topic)) {
    return decode_refusal(kRejectReservedTopic, "a topic of central or the city, not of an agent");
  }
  auto decoded = wire::decode(topic, payload);
  if (!decoded)
    return decode_refusal(wire::to_string(decoded.error().reason), decoded.error().message());
  if (std::holds_alternative<wire::Cmd>(decoded.value())) {
    return decode_refusal(kRejectUnexpectedKind, "cmd is sent by central, never received");
  }
  return {.message = std::move(decoded.value()), .reject_reason = {}, .reject_detail = {}};
}

IngestResult Ingest::apply(DecodedMessage decoded, Instant now) {
  if (!decoded.message) return refuse(decoded.reject_reason, std::move(decoded.reject_detail));
  wire::Message& message = *decoded.message;

  IngestResult result;
  result.node = NodeKey{wire::center_of(message), wire::node_of(message)};
  const auto kind = static_cast<std::size_t>(wire::kind_of(message));
  ApplyResult applied = std::visit(
      [&](auto& m) -> ApplyResult {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, wire::Cmd>) {
          return ApplyResult::of(Outcome::rejected);
        } else if constexpr (std::is_same_v<M, wire::Birth>) {
          result.birth = m;
          return registry_.apply(std::move(m), now);
        } else {
          return registry_.apply(std::move(m), now);
        }
      },
      message);
  if (applied.outcome == Outcome::rejected) {
    IngestResult refused = refuse(applied.reject_reason, std::move(applied.reject_detail));
    refused.node = std::move(result.node);
    return refused;
  }
  if (applied.outcome != Outcome::applied) result.birth.reset();
  result.outcome = applied.outcome;
  result.window = std::move(applied.window);
  result.window_live = applied.window_live;
  result.needs_birth = applied.needs_birth;
  ++accepted_.by_kind[kind];
  ++accepted_.by_outcome[static_cast<std::size_t>(applied.outcome)];
  return result;
}

}  // namespace suanli::central
