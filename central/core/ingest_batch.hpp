#pragma once

// The body of POST /api/v1/ingest (docs/protocol.md, "HTTP uplink"): {"v":1,"messages":[...]}
// parsed into the messages that central's one ingest front door takes, each with the topic its
// own fields name. Pure: no registry, no counting; the route counts what is refused.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/expected.hpp"
#include "uplink/wire/error.hpp"

namespace suanli::central {

inline constexpr std::size_t kMaxBatchMessages = 100;

struct BatchMessage {
  // suanli/v1/<center>/<node>/<kind> from the message's own fields, "_" for one that is missing
  // or not a string: a topic the decoder rejects (and counts).
  std::string topic;
  std::string payload;                // the message as compact JSON, for the wire decoder
  std::optional<std::string> center;  // as sent, when a string
  std::optional<std::string> node;
};

// Why a body is refused whole (400).
struct BatchProblem {
  std::string message;  // for the response
  // Set when the body is not JSON a batch may be (too deep, invalid): counted as a reject.
  std::optional<wire::DecodeReason> reject;
  std::string detail;  // the parser's words, for the reject log
};

// Never throws. The body's nesting is limited as a wire message's is, plus the batch's two levels.
Expected<std::vector<BatchMessage>, BatchProblem> parse_ingest_batch(std::string_view body);

}  // namespace suanli::central
