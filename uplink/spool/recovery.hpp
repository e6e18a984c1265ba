#pragma once

// What the spool's start-up scan found damaged in its segments, and what it did about it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace suanli::spool {

// One piece of damage that the start-up scan stepped over or cut.
struct RecoveryEvent {
  std::string file;  // the segment file's name
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
  bool cut = false;  // the segment ended there (no intact record followed); else stepped over
  // Records whose ids lay in the damage (an acknowledged one among them is counted too); unknown
  // (0) for a cut tail of the newest segment, after which no id is known.
  std::uint64_t lost_records = 0;
};

// What the start-up scan found. At most kMaxRecoveryEvents events are kept; the counts are all.
struct RecoveryCounters {
  static constexpr std::size_t kMaxRecoveryEvents = 32;
  std::uint64_t truncations = 0;  // segments whose torn or corrupt tail was cut
  std::uint64_t truncated_bytes = 0;
  std::uint64_t skipped_records = 0;  // records lost inside a segment, between intact ones
  std::uint64_t skipped_bytes = 0;
  std::uint64_t events_left_out = 0;
  std::vector<RecoveryEvent> events;

  void add(RecoveryEvent event);
};

}  // namespace suanli::spool
