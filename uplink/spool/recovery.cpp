#include "uplink/spool/recovery.hpp"

#include <utility>

namespace suanli::spool {

void RecoveryCounters::add(RecoveryEvent event) {
  if (event.cut) {
    ++truncations;
    truncated_bytes += event.bytes;
  } else {
    skipped_records += event.lost_records;
    skipped_bytes += event.bytes;
  }
  if (events.size() < kMaxRecoveryEvents) {
    events.push_back(std::move(event));
  } else {
    ++events_left_out;
  }
}

}  // namespace suanli::spool
