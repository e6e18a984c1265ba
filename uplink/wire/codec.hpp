#pragma once

// Encode and decode wire format v1 payloads (compact JSON).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/expected.hpp"
#include "uplink/wire/error.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::wire {

// Deepest nesting of arrays and objects accepted; v1 messages need 4.
inline constexpr std::size_t kMaxDepth = 16;

// Never throws. Non-finite numbers are omitted (unknown); invalid UTF-8 in strings becomes U+FFFD.
// encode does not validate: an out-of-range value gives a payload that decode rejects.
std::string encode(const Message& m);
std::string encode(const Status& m);
std::string encode(const Birth& m);
std::string encode(const Data& m);
std::string encode(const Hist& m);
std::string encode(const Cmd& m);

// Strict: the topic and the payload must both be valid and agree. Never throws.
Expected<Message, DecodeError> decode(std::string_view topic, std::string_view payload);

}  // namespace suanli::wire
