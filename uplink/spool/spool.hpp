#pragma once

// The agent's disk spool (store and forward). Every encoded data message is appended here before
// it is published, and forgotten only when the broker acknowledges it (QoS 1 PUBACK), so windows
// survive broker outages, agent restarts, kill -9 and power cuts.
//
// On disk, in one directory (mode 0750):
//   seg-<first id>.log  records (u32 length | u32 CRC-32C | u64 id | payload), append-only
//   seg-<first id>.ack  ids acknowledged among them (u64 id | u32 CRC-32C), append-only
// A segment and its ack log are deleted once all of its records are acknowledged, or dropped
// whole when the spool is full. The newest segment always exists (empty if need be): its name
// carries the next id across restarts.
//
// Durability: append() returns once write(2) of the whole record has returned, so a crash of the
// agent (kill -9) loses nothing acknowledged to the caller; a power cut may lose what the kernel
// had not yet written back. Options::sync adds an fdatasync per record and per ack (and an fsync
// of the directory per new segment) to close that gap, at the cost of a disk flush each time
// (milliseconds on an SSD, more on spinning disks, and flash wear); it is off by default because a
// window is sent every few seconds and a lost last window after a power cut is acceptable.
//
// Start-up recovery: every segment is scanned. Damage in the middle of a segment (a flipped byte
// in a payload or in a length) is stepped over to the next intact record (segment_reader.hpp),
// and the records in it are counted in skipped_corrupt(). A torn tail (partial header, short
// payload, bad CRC, garbage, with no intact record after it) is cut at the last intact record
// and counted in recovered_truncations().
//
// Thread safety: every member takes one mutex; append() and acknowledge() may be called from
// different threads.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/expected.hpp"
#include "uplink/spool/recovery.hpp"

namespace suanli::spool {

struct Options {
  std::uint64_t max_bytes = 64ull * 1024 * 1024;
  std::uint64_t segment_bytes = 1024 * 1024;
  bool sync = false;  // fdatasync after every record and ack (see above)
};

struct Record {
  std::uint64_t id = 0;
  std::string payload;
};

class Spool {
 public:
  // Opens (creating it if missing) the spool in `dir` and recovers it.
  static Expected<Spool> open(const std::string& dir, Options options = {});

  Spool(Spool&&) noexcept;
  Spool& operator=(Spool&&) noexcept;
  ~Spool();

  // Writes one record and returns its id: ids start at 1 and increase by one per record, across
  // restarts. When the record would make the spool larger than max_bytes, the oldest segments
  // are dropped first (see dropped_total(), drop_episodes()).
  Expected<std::uint64_t> append(std::string_view payload);

  // The broker has the record `id`. Acks may come in any order; unknown or repeated ids are
  // ignored. Ends a drop episode (delivery has resumed).
  void acknowledge(std::uint64_t id);

  // Up to `max` unacknowledged records with ids above `after_id`, oldest first, read from disk.
  // Replay a backlog in batches by passing the last id of the previous batch.
  std::vector<Record> read_after(std::uint64_t after_id, std::size_t max) const;
  std::vector<Record> oldest(std::size_t max) const { return read_after(0, max); }

  std::uint64_t depth() const;  // unacknowledged records
  std::uint64_t bytes() const;  // on disk, segments and ack logs
  std::uint64_t next_id() const;
  // Unacknowledged records lost to the max_bytes bound, since open.
  std::uint64_t dropped_total() const;
  // Times dropping started; one episode lasts until the next acknowledgement. Log when it grows.
  std::uint64_t drop_episodes() const;
  // Found at open: segments whose torn tail was cut, the bytes cut, records lost to damage
  // stepped over inside a segment; recovery() has all of it, with where each piece was.
  std::uint64_t recovered_truncations() const;
  std::uint64_t truncated_bytes() const;
  std::uint64_t skipped_corrupt() const;
  RecoveryCounters recovery() const;
  // Failed ack log writes and reads since open (the spool keeps working in memory).
  std::uint64_t io_errors() const;

 private:
  struct State;
  explicit Spool(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace suanli::spool
