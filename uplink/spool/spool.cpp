#include "uplink/spool/spool.hpp"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "uplink/spool/directory.hpp"
#include "uplink/spool/names.hpp"
#include "uplink/spool/record_format.hpp"
#include "uplink/spool/segment.hpp"
#include "uplink/spool/segment_reader.hpp"

namespace suanli::spool {

struct Spool::State {
  std::string dir;
  Options options;
  mutable std::mutex mu;
  std::vector<Segment> segments;  // oldest first; the last one takes appends
  RecoveryCounters recovery;
  std::uint64_t dropped_total = 0;
  std::uint64_t drop_episodes = 0;
  bool dropping = false;
  std::uint64_t io_errors = 0;

  // Where the previous read_after() stopped, so the next batch does not rescan the segment.
  struct ReadHint {
    std::uint64_t after_id = 0;
    std::uint64_t segment_first_id = 0;
    std::uint64_t offset = 0;
  };
  mutable ReadHint hint;

  Segment& active() { return segments.back(); }
  std::uint64_t total_bytes() const;
  Status recover();
  Status roll();
  Status make_room(std::uint64_t record_bytes);
  void retire(std::size_t index);
};

std::uint64_t Spool::State::total_bytes() const {
  std::uint64_t total = 0;
  for (const auto& seg : segments)
    total += seg.disk_bytes();
  return total;
}

Status Spool::State::recover() {
  auto names = list_directory(dir);
  if (!names) return Status::failure(names.error());
  std::map<std::uint64_t, bool> found;  // first id -> has a segment file
  for (const auto& name : *names) {
    auto parsed = parse_file_name(name);
    if (!parsed || parsed->first_id == 0) continue;
    found[parsed->first_id] |= parsed->kind == FileKind::segment;
  }
  for (auto it = found.begin(); it != found.end(); ++it) {
    if (!it->second) {
      // The segment went first and this ack log was left by a crash before its own unlink.
      ::unlink((dir + "/" + file_name(it->first, FileKind::acks)).c_str());
      continue;
    }
    auto next = std::find_if(std::next(it), found.end(), [](const auto& f) { return f.second; });
    std::uint64_t id_limit = next == found.end() ? UINT64_MAX : next->first;
    auto seg = Segment::load(dir, it->first, id_limit, recovery);
    if (!seg) return Status::failure(seg.error());
    segments.push_back(std::move(seg).value());
  }
  if (segments.empty()) {
    auto seg = Segment::create(dir, 1, options.sync);
    if (!seg) return Status::failure(seg.error());
    segments.push_back(std::move(seg).value());
    return std::monostate{};
  }
  for (std::size_t i = segments.size() - 1; i-- > 0;) {
    if (segments[i].pending_count() == 0) retire(i);
  }
  // New records take ids from the active segment's next id on; where its ack log names such ids
  // (records cut away above), they go to a new segment, or the emptied segment's log is cleared.
  const bool has_records = active().next_id() > active().first_id();
  if (has_records && (active().pending_count() == 0 || active().acks_past_records())) return roll();
  if (active().acks_past_records()) return active().forget_acks();
  return std::monostate{};
}

// Starts a new, empty segment for appends; the old one is deleted if nothing in it is pending.
Status Spool::State::roll() {
  auto seg = Segment::create(dir, active().next_id(), options.sync);
  if (!seg) return Status::failure(seg.error());
  segments.push_back(std::move(seg).value());
  if (segments[segments.size() - 2].pending_count() == 0) retire(segments.size() - 2);
  return std::monostate{};
}

void Spool::State::retire(std::size_t index) {
  segments[index].remove();
  segments.erase(segments.begin() + static_cast<std::ptrdiff_t>(index));
}

Status Spool::State::make_room(std::uint64_t record_bytes) {
  bool dropped = false;
  while (total_bytes() + record_bytes > options.max_bytes) {
    if (segments.size() == 1) {
      if (active().log_bytes() == 0) break;
      auto rolled = roll();
      if (!rolled) return rolled;
      continue;
    }
    dropped_total += segments.front().pending_count();
    retire(0);
    dropped = true;
  }
  if (dropped && !dropping) {
    dropping = true;
    ++drop_episodes;
  }
  return std::monostate{};
}

Spool::Spool(std::unique_ptr<State> state) : s_(std::move(state)) {}
Spool::Spool(Spool&&) noexcept = default;
Spool& Spool::operator=(Spool&&) noexcept = default;
Spool::~Spool() = default;

Expected<Spool> Spool::open(const std::string& dir, Options options) {
  auto fail = [&](const std::string& why) {
    return Expected<Spool>::failure("spool " + dir + ": " + why);
  };
  if (options.segment_bytes == 0 || options.max_bytes == 0)
    return fail("max_bytes and segment_bytes must be positive");
  auto made = make_directories(dir, 0750);
  if (!made) return fail(made.error());
  auto state = std::make_unique<State>();
  state->dir = dir;
  state->options = options;
  auto recovered = state->recover();
  if (!recovered) return fail(recovered.error());
  return Spool(std::move(state));
}

Expected<std::uint64_t> Spool::append(std::string_view payload) {
  using Result = Expected<std::uint64_t>;
  std::lock_guard lock(s_->mu);
  if (payload.size() > kMaxPayloadBytes)
    return Result::failure("spool: record of " + std::to_string(payload.size()) +
                           " bytes is larger than the largest record");
  std::uint64_t id = s_->active().next_id();
  std::string record = encode_record(id, payload);
  if (record.size() > s_->options.max_bytes)
    return Result::failure("spool: record of " + std::to_string(record.size()) +
                           " bytes is larger than spool.max_bytes");
  auto room = s_->make_room(record.size());
  if (!room) return Result::failure("spool: " + room.error());
  if (s_->active().log_bytes() > 0 &&
      s_->active().log_bytes() + record.size() > s_->options.segment_bytes) {
    auto rolled = s_->roll();
    if (!rolled) return Result::failure("spool: " + rolled.error());
  }
  auto written = s_->active().append(id, record, s_->options.sync);
  if (!written) return Result::failure(written.error());
  return id;
}

void Spool::acknowledge(std::uint64_t id) {
  std::lock_guard lock(s_->mu);
  auto& segs = s_->segments;
  auto it = std::find_if(segs.begin(), segs.end(), [id](const Segment& s) { return s.holds(id); });
  if (it == segs.end()) return;
  std::string error;
  if (!it->acknowledge(id, s_->options.sync, error)) return;
  if (!error.empty()) ++s_->io_errors;
  s_->dropping = false;
  if (it->pending_count() != 0) return;
  if (std::next(it) == segs.end()) {
    if (!s_->roll()) ++s_->io_errors;
  } else {
    s_->retire(static_cast<std::size_t>(it - segs.begin()));
  }
}

std::vector<Record> Spool::read_after(std::uint64_t after_id, std::size_t max) const {
  std::lock_guard lock(s_->mu);
  std::vector<Record> out;
  if (max == 0) return out;
  const auto& hint = s_->hint;
  for (const auto& seg : s_->segments) {
    if (seg.pending_count() == 0 || seg.next_id() <= after_id + 1) continue;
    std::uint64_t offset = 0;
    std::uint64_t prev_id = seg.first_id() - 1;
    if (hint.after_id == after_id && hint.segment_first_id == seg.first_id() && after_id != 0) {
      offset = hint.offset;
      prev_id = after_id;
    }
    SegmentReader reader(seg.fd(), offset, seg.log_bytes(), prev_id, seg.first_id(), seg.next_id());
    for (;;) {
      auto step = reader.next();
      if (!step) ++s_->io_errors;
      if (!step || *step != SegmentReader::Step::record) break;
      if (reader.id() <= after_id || !seg.pending(reader.id())) continue;
      out.push_back(Record{reader.id(), reader.payload()});
      if (out.size() == max) {
        s_->hint = State::ReadHint{reader.id(), seg.first_id(), reader.position()};
        return out;
      }
    }
  }
  return out;
}

std::uint64_t Spool::depth() const {
  std::lock_guard lock(s_->mu);
  std::uint64_t total = 0;
  for (const auto& seg : s_->segments)
    total += seg.pending_count();
  return total;
}

std::uint64_t Spool::bytes() const {
  std::lock_guard lock(s_->mu);
  return s_->total_bytes();
}

std::uint64_t Spool::next_id() const {
  std::lock_guard lock(s_->mu);
  return s_->segments.back().next_id();
}

std::uint64_t Spool::dropped_total() const {
  std::lock_guard lock(s_->mu);
  return s_->dropped_total;
}

std::uint64_t Spool::drop_episodes() const {
  std::lock_guard lock(s_->mu);
  return s_->drop_episodes;
}

std::uint64_t Spool::recovered_truncations() const {
  std::lock_guard lock(s_->mu);
  return s_->recovery.truncations;
}

std::uint64_t Spool::truncated_bytes() const {
  std::lock_guard lock(s_->mu);
  return s_->recovery.truncated_bytes;
}

std::uint64_t Spool::skipped_corrupt() const {
  std::lock_guard lock(s_->mu);
  return s_->recovery.skipped_records;
}

RecoveryCounters Spool::recovery() const {
  std::lock_guard lock(s_->mu);
  return s_->recovery;
}

std::uint64_t Spool::io_errors() const {
  std::lock_guard lock(s_->mu);
  return s_->io_errors;
}

}  // namespace suanli::spool
