#pragma once

#include <string>
#include <string_view>

namespace suanli::wire {

// Why a message was rejected; stable names (to_string) for per-reason counters.
enum class DecodeReason {
  too_large,        // payload over kMaxPayloadBytes
  invalid_json,     // not JSON, invalid UTF-8, trailing bytes, a key repeated in one object
  too_deep,         // nesting deeper than kMaxDepth
  bad_topic,        // not suanli/v1/<center>/<node>/<kind> with valid ids
  unknown_version,  // "v" is not 1
  wrong_kind,       // "kind" differs from the topic's kind
  missing_field,    // a required field is absent
  wrong_type,       // e.g. a string or a fraction where an unsigned integer is required; null
  bad_value,        // right type, value out of range or not allowed
  bad_id,           // a center, node or device id that does not match its rule
  duplicate_id,     // two devices with one id
  topic_mismatch,   // payload center/node differs from the topic's
  too_many_items,   // an array over its bound
  unknown_command,  // a cmd other than "rebirth"
};

std::string_view to_string(DecodeReason r);

struct DecodeError {
  DecodeReason reason = DecodeReason::invalid_json;
  std::string field;   // path like devices[3].peak_tflops.fp16; empty for the payload as a whole
  std::string detail;  // what is wrong with it, e.g. "must be a finite number >= 0"

  // "field: detail", or the detail alone when field is empty.
  std::string message() const;
};

}  // namespace suanli::wire
