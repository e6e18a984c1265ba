#include "agent/window_spooler.hpp"

#include <spdlog/spdlog.h>

namespace suanli::agent {
namespace {

void log_recovery(const spool::RecoveryCounters& recovery) {
  for (const auto& event : recovery.events) {
    std::string lost =
        event.lost_records > 0 ? "; windows lost: " + std::to_string(event.lost_records) : "";
    spdlog::warn("spool: {}: {} {} damaged bytes at offset {}{}", event.file,
                 event.cut ? "cut the last" : "stepped over", event.bytes, event.offset, lost);
  }
  if (recovery.events_left_out > 0) {
    spdlog::warn("spool: {} more damaged places, not listed", recovery.events_left_out);
  }
}

}  // namespace

WindowSpooler::WindowSpooler(spool::Spool& spool, std::uint64_t max_bytes)
    : spool_(spool), max_bytes_(max_bytes) {
  auto recovery = spool_.recovery();
  log_recovery(recovery);
  faults_.skipped_records = recovery.skipped_records;
  faults_.skipped_bytes = recovery.skipped_bytes;
  faults_.truncated_segments = recovery.truncations;
  faults_.truncated_bytes = recovery.truncated_bytes;
}

std::optional<std::uint64_t> WindowSpooler::store(const std::string& payload) {
  auto appended = spool_.append(payload);
  if (!appended) {
    ++faults_.unspooled_windows;
    ++unspooled_in_episode_;
    if (!unwritable_) {
      unwritable_ = true;
      spdlog::error(
          "spool: cannot store a window ({}); windows go out from memory only until it can (one "
          "that cannot be delivered is lost and counted in dropped_total)",
          appended.error());
    }
    return std::nullopt;
  }
  if (unwritable_) {
    unwritable_ = false;
    spdlog::warn("spool: storing windows again; {} went out from memory only (dropped_total {})",
                 unspooled_in_episode_, spool_.dropped_total() + lost_);
    unspooled_in_episode_ = 0;
  }
  note_drops();
  return *appended;
}

void WindowSpooler::note_drops() {
  if (spool_.drop_episodes() <= logged_drop_episodes_) return;
  logged_drop_episodes_ = spool_.drop_episodes();
  spdlog::warn("spool full ({} bytes): dropping the oldest windows ({} so far)", max_bytes_,
               spool_.dropped_total());
}

void WindowSpooler::lost(std::uint64_t windows) {
  lost_ += windows;
}

UplinkStats WindowSpooler::stats(std::optional<double> last_publish_latency_ms) const {
  return {.dropped_total = spool_.dropped_total() + lost_,
          .spool_depth = spool_.depth(),
          .spool_bytes = spool_.bytes(),
          .last_publish_latency_ms = last_publish_latency_ms,
          .spool_faults = faults_};
}

}  // namespace suanli::agent
