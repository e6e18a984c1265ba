#pragma once

// One segment: a file of records with consecutive ids from first_id(), its ack log, and which
// of its records are still waiting for an acknowledgement (one bit per id).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/expected.hpp"
#include "uplink/spool/fd.hpp"
#include "uplink/spool/recovery.hpp"

namespace suanli::spool {

class Segment {
 public:
  // Opens an existing segment, cuts a torn tail (ftruncate), then applies its ack log.
  // Record ids must lie in [first_id, id_limit).
  static Expected<Segment> load(const std::string& dir, std::uint64_t first_id,
                                std::uint64_t id_limit, RecoveryCounters& counters);
  static Expected<Segment> create(const std::string& dir, std::uint64_t first_id, bool sync);

  std::uint64_t first_id() const { return first_id_; }
  std::uint64_t next_id() const { return next_id_; }  // one past the last record's id
  std::uint64_t pending_count() const { return pending_count_; }
  std::uint64_t log_bytes() const { return log_bytes_; }
  std::uint64_t disk_bytes() const { return log_bytes_ + ack_bytes_; }
  int fd() const { return log_fd_.get(); }
  bool holds(std::uint64_t id) const { return id >= first_id_ && id < next_id_; }
  bool pending(std::uint64_t id) const { return holds(id) && pending_[id - first_id_]; }

  // Writes one encoded record (see record_format.hpp) whose id is next_id(); on failure the
  // file is cut back to where it was.
  Status append(std::uint64_t id, std::string_view record, bool sync);
  // The ack log names an id at or past next_id(): a record that was cut away at load. Appending
  // here would give a new record that id, and the old ack would hide it at the next load.
  bool acks_past_records() const { return acks_past_records_; }
  // Empties the ack log; for a segment left without records, whose every ack is of a cut record.
  Status forget_acks();
  // Marks `id` acknowledged and logs that; false when it was not pending here.
  bool acknowledge(std::uint64_t id, bool sync, std::string& error);
  // Deletes the segment file, then its ack log.
  void remove();

 private:
  Segment(std::string dir, std::uint64_t first_id, UniqueFd log_fd);
  void mark_pending(std::uint64_t id);
  Status load_acks();

  std::string dir_;
  std::uint64_t first_id_;
  std::uint64_t next_id_;
  std::vector<bool> pending_;
  std::uint64_t pending_count_ = 0;
  std::uint64_t log_bytes_ = 0;
  std::uint64_t ack_bytes_ = 0;
  bool acks_past_records_ = false;
  UniqueFd log_fd_;
  UniqueFd ack_fd_;
};

// fsync of a directory, so that created and removed names survive a power cut.
Status sync_directory(const std::string& dir);

}  // namespace suanli::spool
