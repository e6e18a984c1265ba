#include "uplink/spool/segment_reader.hpp"

#include "uplink/spool/fd.hpp"
#include "uplink/spool/record_format.hpp"

namespace suanli::spool {

SegmentReader::SegmentReader(int fd, std::uint64_t offset, std::uint64_t end, std::uint64_t prev_id,
                             std::uint64_t min_id, std::uint64_t id_limit)
    : fd_(fd), pos_(offset), end_(end), prev_id_(prev_id), min_id_(min_id), id_limit_(id_limit) {}

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
  size = kRecordHeaderBytes + h.length;
  payload_.resize(h.length);
  got = pread_up_to(fd_, payload_.data(), h.length, static_cast<off_t>(at + kRecordHeaderBytes));
  if (!got) {
    error = got.error();
    return Probe::io_error;
  }
  if (*got != h.length) return Probe::bad;
  if (record_crc(h.length, h.id, payload_) != h.crc) return Probe::bad;
  if (h.id <= prev_id_ || h.id < min_id_ || h.id >= id_limit_) return Probe::bad;
  id = h.id;
  return Probe::intact;
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
    if (size == 0 || pos_ + size >= end_) return Step::torn;
    std::uint64_t next_size = 0;
    Probe after = probe(pos_ + size, next_size, id, error);
    if (after == Probe::io_error) return Expected<Step>::failure(error);
    if (after != Probe::intact) return Step::torn;
    ++skipped_;
    pos_ += size;
  }
  return Step::end;
}

}  // namespace suanli::spool
