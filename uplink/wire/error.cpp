#include "uplink/wire/error.hpp"

#include <array>
#include <cstddef>

namespace suanli::wire {
namespace {

constexpr std::array<std::string_view, 14> kReasonNames = {
    "too_large",    "invalid_json",   "too_deep",       "bad_topic",      "unknown_version",
    "wrong_kind",   "missing_field",  "wrong_type",     "bad_value",      "bad_id",
    "duplicate_id", "topic_mismatch", "too_many_items", "unknown_command"};

}  // namespace

std::string_view to_string(DecodeReason r) {
  return kReasonNames[static_cast<std::size_t>(r)];
}

std::string DecodeError::message() const {
  if (field.empty()) return detail;
  return field + ": " + detail;
}

}  // namespace suanli::wire
