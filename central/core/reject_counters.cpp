#include "central/core/reject_counters.hpp"

#include "uplink/wire/error.hpp"

namespace suanli::central {

RejectCounters::RejectCounters() {
  for (auto r = static_cast<int>(wire::DecodeReason::too_large);
       r <= static_cast<int>(wire::DecodeReason::unknown_command); ++r) {
    counts_.emplace(wire::to_string(static_cast<wire::DecodeReason>(r)), 0);
  }
  counts_.emplace(kRejectReservedTopic, 0);
  counts_.emplace(kRejectUnexpectedKind, 0);
  counts_.emplace(kRejectBoundViolation, 0);
  counts_.emplace(kRejectIdentityMismatch, 0);
  counts_.emplace(kRejectBootTooFar, 0);
  counts_.emplace(kRejectUnknownCenter, 0);
  counts_.emplace(kRejectNewCenterRate, 0);
  counts_.emplace(kRejectNewNodeRate, 0);
}

void RejectCounters::count(std::string_view reason) {
  auto it = counts_.find(reason);
  if (it == counts_.end()) it = counts_.emplace(std::string(reason), 0).first;
  ++it->second;
}

std::uint64_t RejectCounters::total() const {
  std::uint64_t n = 0;
  for (const auto& [reason, count] : counts_)
    n += count;
  return n;
}

bool LogRateLimit::allow(std::uint64_t now_ms) {
  if (now_ms < period_start_ms_ || now_ms - period_start_ms_ >= period_ms_) {
    period_start_ms_ = now_ms;
    used_ = 0;
  }
  if (used_ < burst_) {
    ++used_;
    suppressed_ = 0;
    return true;
  }
  ++suppressed_;
  return false;
}

}  // namespace suanli::central
