#pragma once

// Walks the records of one segment file, checking each one. Used both by the start-up scan and
// by reads, so both agree on where records are.
//
// A record is intact when its length is at most kMaxPayloadBytes and fits before `end`, its CRC
// matches, and its id is above the previous record's (and inside [min_id, id_limit)). Where a
// record is not intact, the reader looks for the next intact record further on, byte by byte
// (the CRC over length, id and payload makes a false match of damaged bytes a 1 in 2^32 chance,
// and the id must fit between its neighbours too), and steps over the damage to it: a flipped
// bit, even in a length, costs only the records it hit. When no intact record follows, the
// segment ends there: this is the torn tail a kill -9 or a power cut leaves.

#include <cstdint>
#include <string>
#include <vector>

#include "config/expected.hpp"

namespace suanli::spool {

// Damaged bytes stepped over between two intact records.
struct SkippedStretch {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
  std::uint64_t lost_records = 0;  // ids between the intact records around it
};

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
  const std::vector<SkippedStretch>& skipped() const { return skipped_; }

 private:
  enum class Probe { intact, bad, io_error };
  // Reads the record at `at` into payload_; sets `size` to its total size when the length is sane.
  Probe probe(std::uint64_t at, std::uint64_t& size, std::uint64_t& id, std::string& error);
  // Whether a record at `at` may carry `id`: past the previous one, within the limits, and no
  // further past it than the records that could have filled the bytes since (ids in a segment
  // are consecutive; damage loses at most one record per header's worth of bytes). A record
  // that claims more is damage, whatever its CRC, and would make the pending set that large.
  bool plausible_id(std::uint64_t id, std::uint64_t at) const;
  // The offset of the first intact record after `from` (its id in `id`), or end_ when none is.
  Expected<std::uint64_t> find_intact(std::uint64_t from, std::uint64_t& id);

  int fd_;
  std::uint64_t pos_;
  std::uint64_t end_;
  std::uint64_t prev_id_;
  std::uint64_t min_id_;
  std::uint64_t id_limit_;
  std::vector<SkippedStretch> skipped_;
  std::string payload_;
};

}  // namespace suanli::spool
