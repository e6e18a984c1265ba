#pragma once

// Topics of wire format v1: suanli/v1/<center>/<node>/<kind>, and the reserved ones.

#include <string>
#include <string_view>

#include "config/expected.hpp"
#include "uplink/wire/error.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::wire {

inline constexpr std::string_view kTopicPrefix = "suanli/v1/";
// Every agent topic; it also matches suanli/v1/_central/<id>/state (see is_reserved_topic).
inline constexpr std::string_view kAgentTopicFilter = "suanli/v1/+/+/+";
inline constexpr std::string_view kCityIndicatorTopic = "suanli/v1/_city/indicator";
inline constexpr int kQos = 1;

struct Topic {
  std::string center;
  std::string node;
  Kind kind = Kind::status;
  bool operator==(const Topic&) const = default;
};

// The ids must be valid (is_valid_id, not starting with '_'); the caller checks them once, at
// configuration time.
std::string make_topic(std::string_view center, std::string_view node, Kind kind);
std::string topic_of(const Message& m);
std::string central_state_topic(std::string_view central_id);

// Fails with DecodeReason::bad_topic for anything but a valid agent topic.
Expected<Topic, DecodeError> parse_topic(std::string_view topic);

// True for suanli/v1/_<anything>: topics of central and of the city, never of an agent.
bool is_reserved_topic(std::string_view topic);

// status and birth are retained; data, hist and cmd are not.
constexpr bool is_retained(Kind k) {
  return k == Kind::status || k == Kind::birth;
}

}  // namespace suanli::wire
