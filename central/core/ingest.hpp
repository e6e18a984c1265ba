#pragma once

// The one front door for messages, used by MQTT and HTTP ingest alike: size limit, topic,
// strict decoding, then the registry. A rejected message changes no state and is counted by
// reason.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "central/core/registry.hpp"
#include "central/core/reject_counters.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central {

struct IngestResult {
  Outcome outcome = Outcome::rejected;
  std::string reject_reason;    // a RejectCounters reason, when rejected
  std::string reject_detail;    // the decoder's message (field: what is wrong), for the log
  std::optional<NodeKey> node;  // the node the message was about, when it passed validation
  // For the store: a window seen for the first time (history, and live data with window_live),
  // and an applied birth (to restore the registry at start-up).
  std::optional<wire::Data> window;
  bool window_live = false;
  std::optional<wire::Birth> birth;
  bool needs_birth = false;  // see ApplyResult
};

// accept()'s first half, which reads and writes no state (central decodes outside the registry's
// lock): the message, or why it is refused.
struct DecodedMessage {
  std::optional<wire::Message> message;
  std::string reject_reason;
  std::string reject_detail;
};

// Messages that passed validation, by kind (status, birth, data, hist) and outcome.
struct AcceptedCounters {
  std::array<std::uint64_t, 4> by_kind{};
  std::array<std::uint64_t, 4> by_outcome{};  // applied, duplicate, history, ignored_older
};

class Ingest {
 public:
  explicit Ingest(Registry& registry) : registry_(registry) {}

  // Reserved topics (suanli/v1/_central/..., suanli/v1/_city/...) are rejected as
  // "reserved_topic"; an MQTT subscriber to suanli/v1/+/+/+ that wants central's own state
  // messages left out of the reject counts skips wire::is_reserved_topic before calling this.
  IngestResult accept(std::string_view topic, std::string_view payload, Instant now) {
    return apply(decode(topic, payload), now);
  }
  // accept() in two steps: decode (thread-safe, no state), then apply (counts, the registry).
  static DecodedMessage decode(std::string_view topic, std::string_view payload);
  IngestResult apply(DecodedMessage decoded, Instant now);

  // Counts a message that a transport refused before it reached accept() (the HTTP ingest's
  // identity check), as accept() counts its rejects; the result is rejected with that reason.
  IngestResult refuse(std::string_view reason, std::string detail);

  const RejectCounters& rejects() const { return rejects_; }
  const AcceptedCounters& accepted() const { return accepted_; }

 private:
  Registry& registry_;
  RejectCounters rejects_;
  AcceptedCounters accepted_;
};

}  // namespace suanli::central
