#pragma once

// Rejected messages counted by reason: the decoder's reasons (uplink/wire/error.hpp) and the
// ingest's own. Every reason is present from the start, at 0, so /metrics lists them all.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace suanli::central {

// The ingest's own reasons, beside the decoder's.
inline constexpr std::string_view kRejectReservedTopic = "reserved_topic";
inline constexpr std::string_view kRejectUnexpectedKind = "unexpected_kind";  // cmd from an agent
// A window with a reading out of bounds against the node's birth (bounds.hpp).
inline constexpr std::string_view kRejectBoundViolation = "bound_violation";
// Posted over HTTP with a token that may not post for the message's center.
inline constexpr std::string_view kRejectIdentityMismatch = "identity_mismatch";
// A boot too far ahead of the node's last boot and of central's clock (registry.hpp).
inline constexpr std::string_view kRejectBootTooFar = "boot_too_far";
// Would add a node (admission.hpp): of a center not configured, with admission.known_centers_only;
inline constexpr std::string_view kRejectUnknownCenter = "unknown_center";
// of a center new this minute beyond admission.new_centers_per_minute;
inline constexpr std::string_view kRejectNewCenterRate = "new_center_rate";
// beyond admission.new_nodes_per_minute.
inline constexpr std::string_view kRejectNewNodeRate = "new_node_rate";

class RejectCounters {
 public:
  RejectCounters();
  void count(std::string_view reason);
  std::uint64_t total() const;
  const std::map<std::string, std::uint64_t, std::less<>>& by_reason() const { return counts_; }

 private:
  std::map<std::string, std::uint64_t, std::less<>> counts_;
};

// Allows at most `burst` log lines per `period_ms`; the caller logs only when allow() is true.
class LogRateLimit {
 public:
  LogRateLimit(std::uint64_t burst, std::uint64_t period_ms)
      : burst_(burst), period_ms_(period_ms) {}
  bool allow(std::uint64_t now_ms);
  // Lines refused since the last allowed one, for a "(n suppressed)" note.
  std::uint64_t suppressed() const { return suppressed_; }

 private:
  std::uint64_t burst_;
  std::uint64_t period_ms_;
  std::uint64_t period_start_ms_ = 0;
  std::uint64_t used_ = 0;
  std::uint64_t suppressed_ = 0;
};

}  // namespace suanli::central
