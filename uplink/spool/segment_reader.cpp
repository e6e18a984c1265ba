#include "uplink/spool/segment_reader.hpp"

#include <algorithm>

#include "uplink/spool/fd.hpp"
#include "uplink/spool/record_format.hpp"

namespace suanli::spool {
namespace {

// Bytes read at a time while looking for an intact record after damage.
constexpr std::size_t kSearchChunk = 64 * 1024;

}  // namespace

SegmentReader::SegmentReader(int fd, std::uint64_t offset, std::uint64_t end, std::uint64_t prev_id,
                             std::uint64_t min_id, std::uint64_t id_limit)
    : fd_(fd), pos_(offset), end_(end), prev_id_(prev_id), min_id_(min_id), id_limit_(id_limit) {}

bool SegmentReader::plausible_id(std::uint64_t id, std::uint64_t at) const {
  if (id <= prev_id_ || id < min_id_ || id >= id_limit_) return false;
  return id - prev_id_ - 1 <= (at - pos_) / kRecordHeaderBytes;
}

SegmentReader::Probe SegmentReader::probe(std::uint64_t at, std::uint64_t& size, std::uint64_t& id,
                                          std::string& error) {
  size = 0;
  if (end_ - at < kRecordHeaderBytes) return Probe::bad;
  char head[kRecordHeaderBytes];
  auto got = pread_up_to(fd_, head, sizeof head, static_cast<off_t>(at));
  if (!got) {
    error = got.error();
    return Probe::io_error;
  }
  if (*got != sizeof head) return Probe::bad;
  RecordHeader h = decode_record_header(head);
  if (h.length > kMaxPayloadBytes || h.length > end_ - at - kRecordHeaderBytes) return Probe::bad;
  if (!plausible_id(h.id, at)) return Probe::bad;
  size = kRecordHeaderBytes + h.length;
  payload_.resize(h.length);
  got = pread_up_to(fd_, payload_.data(), h.length, static_cast<off_t>(at + kRecordHeaderBytes));
  if (!got) {
    error = got.error();
    return Probe::io_error;
  }
  if (*got != h.length) return Probe::bad;
  if (record_crc(h.length, h.id, payload_) != h.crc) return Probe::bad;
  id = h.id;
  return Probe::intact;
}

Expected<std::uint64_t> SegmentReader::find_intact(std::uint64_t from, std::uint64_t& id) {
  std::string chunk;
  for (std::uint64_t at = from; end_ - at >= kRecordHeaderBytes;) {
    // Chunks overlap by a header less one byte, so that every offset is a candidate once.
    chunk.resize(std::min<std::uint64_t>(kSearchChunk + kRecordHeaderBytes - 1, end_ - at));
    auto got = pread_up_to(fd_, chunk.data(), chunk.size(), static_cast<off_t>(at));
    if (!got) return Expected<std::uint64_t>::failure(got.error());
    if (*got < kRecordHeaderBytes) break;
    std::size_t candidates = *got - kRecordHeaderBytes + 1;
    for (std::size_t i = 0; i < candidates; ++i) {
      // The id is the cheap test; only a plausible one is worth a CRC.
      std::uint64_t candidate_id = get_u64_le(chunk.data() + i + 8);
      if (!plausible_id(candidate_id, at + i)) continue;
      std::uint64_t size = 0;
      std::string error;
      Probe p = probe(at + i, size, id, error);
      if (p == Probe::io_error) return Expected<std::uint64_t>::failure(error);
      if (p == Probe::intact) return at + i;
    }
    at += candidates;
  }
  return end_;
}

Expected<SegmentReader::Step> SegmentReader::next() {
  while (pos_ < end_) {
    std::uint64_t size = 0;
    std::uint64_t id = 0;
    std::string error;
    Probe here = probe(pos_, size, id, error);
    if (here == Probe::io_error) return Expected<Step>::failure(error);
    if (here == Probe::intact) {
      pos_ += size;
      prev_id_ = id;
      return Step::record;
    }
    auto found = find_intact(pos_ + 1, id);
    if (!found) return Expected<Step>::failure(found.error());
    if (*found == end_) return Step::torn;
    skipped_.push_back({pos_, *found - pos_, id - prev_id_ - 1});
    pos_ = *found;
    prev_id_ = id - 1;  // the ids in the damage are counted lost: the record found comes next
  }
  return Step::end;
}

}  // namespace suanli::spool
