#pragma once

// Walks the records of one segment file, checking each one. Used both by the start-up scan and
// by reads, so both agree on where records are.
//
// A record is intact when its length is at most kMaxPayloadBytes and fits before `end`, its CRC
// matches, and its id is above the previous record's (and inside [min_id, id_limit)). A record
// that is not intact is skipped by its length only when the length is sane and an intact record
// starts right after it (a flipped bit in the middle of a segment); otherwise the segment is cut
// there: this is the torn tail a kill -9 or a power cut leaves.

#include <cstdint>
#include <string>

#include "config/expected.hpp"

namespace suanli::spool {

class SegmentReader {
 public:
  enum class Step { record, end, torn };

  SegmentReader(int fd, std::uint64_t offset, std::uint64_t end, std::uint64_t prev_id,
                std::uint64_t min_id, std::uint64_t id_limit);

  // Advances to the next intact record: its id() and payload() are valid after Step::record.
  // After Step::torn, position() is where the good part of the segment ends.
  Expected<Step> next();

  std::uint64_t id() const { return prev_id_; }
  const std::string& payload() const { return payload_; }
  // Offset just past the last intact record (or the start offset).
  std::uint64_t position() const { return pos_; }
  std::uint64_t skipped() const { return skipped_; }

 private:
  enum class Probe { intact, bad, io_error };
  // Reads the record at `at` into payload_; sets `size` to its total size when the length is sane.
  Probe probe(std::uint64_t at, std::uint64_t& size, std::uint64_t& id, std::string& error);

  int fd_;
  std::uint64_t pos_;
  std::uint64_t end_;
  std::uint64_t prev_id_;
  std::uint64_t min_id_;
  std::uint64_t id_limit_;
  std::uint64_t skipped_ = 0;
  std::string payload_;
};

}  // namespace suanli::spool
