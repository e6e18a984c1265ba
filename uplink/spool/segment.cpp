#include "uplink/spool/segment.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "uplink/spool/ack_log.hpp"
#include "uplink/spool/names.hpp"
#include "uplink/spool/segment_reader.hpp"

namespace suanli::spool {
namespace {

std::string segment_path(const std::string& dir, std::uint64_t first_id, FileKind kind) {
  return dir + "/" + file_name(first_id, kind);
}

}  // namespace

Status sync_directory(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return Status::failure(errno_text("open " + dir, errno));
  if (::fsync(fd.get()) != 0) return Status::failure(errno_text("fsync " + dir, errno));
  return std::monostate{};
}

Segment::Segment(std::string dir, std::uint64_t first_id, UniqueFd log_fd)
    : dir_(std::move(dir)), first_id_(first_id), next_id_(first_id), log_fd_(std::move(log_fd)) {}

Expected<Segment> Segment::create(const std::string& dir, std::uint64_t first_id, bool sync) {
  std::string path = segment_path(dir, first_id, FileKind::segment);
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0640));
  if (!fd) return Expected<Segment>::failure(errno_text("create " + path, errno));
  if (sync) {
    auto synced = sync_directory(dir);
    if (!synced) return Expected<Segment>::failure(synced.error());
  }
  return Segment(dir, first_id, std::move(fd));
}

Expected<Segment> Segment::load(const std::string& dir, std::uint64_t first_id,
                                std::uint64_t id_limit, RecoveryCounters& counters) {
  std::string path = segment_path(dir, first_id, FileKind::segment);
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (!fd) return Expected<Segment>::failure(errno_text("open " + path, errno));
  auto size = file_size(fd.get());
  if (!size) return Expected<Segment>::failure(path + ": " + size.error());
  Segment seg(dir, first_id, std::move(fd));

  SegmentReader reader(seg.fd(), 0, *size, first_id - 1, first_id, id_limit);
  for (;;) {
    auto step = reader.next();
    if (!step) return Expected<Segment>::failure(path + ": " + step.error());
    if (*step == SegmentReader::Step::record) {
      seg.mark_pending(reader.id());
      continue;
    }
    if (*step == SegmentReader::Step::torn) {
      if (::ftruncate(seg.fd(), static_cast<off_t>(reader.position())) != 0)
        return Expected<Segment>::failure(errno_text("truncate " + path, errno));
    }
    break;
  }
  std::string name = file_name(first_id, FileKind::segment);
  for (const auto& stretch : reader.skipped()) {
    counters.add({name, stretch.offset, stretch.bytes, false, stretch.lost_records});
  }
  if (reader.position() < *size) {
    std::uint64_t next_known = id_limit == UINT64_MAX ? 0 : id_limit - reader.id() - 1;
    counters.add({name, reader.position(), *size - reader.position(), true, next_known});
  }
  seg.log_bytes_ = reader.position();
  auto acks = seg.load_acks();
  if (!acks) return Expected<Segment>::failure(acks.error());
  return seg;
}

void Segment::mark_pending(std::uint64_t id) {
  pending_.resize(id - first_id_ + 1, false);
  pending_[id - first_id_] = true;
  ++pending_count_;
  next_id_ = id + 1;
}

Status Segment::load_acks() {
  std::string path = segment_path(dir_, first_id_, FileKind::acks);
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  if (!fd) {
    if (errno == ENOENT) return std::monostate{};
    return Status::failure(errno_text("open " + path, errno));
  }
  auto scan = scan_ack_log(fd.get(), [this](std::uint64_t id) {
    if (pending(id)) {
      pending_[id - first_id_] = false;
      --pending_count_;
    } else if (id >= next_id_) {
      acks_past_records_ = true;
    }
  });
  if (!scan) return Status::failure(path + ": " + scan.error());
  if (scan->torn && ::ftruncate(fd.get(), static_cast<off_t>(scan->good_bytes)) != 0)
    return Status::failure(errno_text("truncate " + path, errno));
  ack_bytes_ = scan->good_bytes;
  ack_fd_ = std::move(fd);
  return std::monostate{};
}

Status Segment::append(std::uint64_t id, std::string_view record, bool sync) {
  auto written = pwrite_all(log_fd_.get(), record, static_cast<off_t>(log_bytes_), "spool write");
  if (written && sync && ::fdatasync(log_fd_.get()) != 0)
    written = Status::failure(errno_text("spool fdatasync", errno));
  if (!written) {
    // Best effort: leave no partial record behind (start-up recovery would cut it anyway).
    [[maybe_unused]] int rc = ::ftruncate(log_fd_.get(), static_cast<off_t>(log_bytes_));
    return written;
  }
  log_bytes_ += record.size();
  mark_pending(id);
  return written;
}

Status Segment::forget_acks() {
  if (ack_fd_ && ::ftruncate(ack_fd_.get(), 0) != 0) {
    return Status::failure(
        errno_text("truncate " + segment_path(dir_, first_id_, FileKind::acks), errno));
  }
  ack_bytes_ = 0;
  acks_past_records_ = false;
  return std::monostate{};
}

bool Segment::acknowledge(std::uint64_t id, bool sync, std::string& error) {
  if (!pending(id)) return false;
  pending_[id - first_id_] = false;
  --pending_count_;
  if (!ack_fd_) {
    std::string path = segment_path(dir_, first_id_, FileKind::acks);
    ack_fd_.reset(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640));
    if (!ack_fd_) {
      error = errno_text("create " + path, errno);
      return true;
    }
  }
  auto written =
      pwrite_all(ack_fd_.get(), encode_ack(id), static_cast<off_t>(ack_bytes_), "ack log write");
  if (!written) {
    error = written.error();
    [[maybe_unused]] int rc = ::ftruncate(ack_fd_.get(), static_cast<off_t>(ack_bytes_));
    return true;
  }
  ack_bytes_ += kAckEntryBytes;
  if (sync && ::fdatasync(ack_fd_.get()) != 0) error = errno_text("ack log fdatasync", errno);
  return true;
}

void Segment::remove() {
  log_fd_.reset();
  ack_fd_.reset();
  ::unlink(segment_path(dir_, first_id_, FileKind::segment).c_str());
  ::unlink(segment_path(dir_, first_id_, FileKind::acks).c_str());
}

}  // namespace suanli::spool
