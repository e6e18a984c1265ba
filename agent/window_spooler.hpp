#pragma once

// How every uplink (MQTT, HTTP) keeps its windows: each one goes to the disk spool before it is
// sent. When the spool cannot store it (disk full, I/O error), the window is still sent, from
// memory only; when it cannot be delivered (no connection, or its delivery failed), it is lost
// and counted in dropped_total, as are windows dropped by a full spool. A spool that cannot store
// is logged once per episode: at the first failure, and when it stores again, with how many
// windows went out from memory only in between.

#include <cstdint>
#include <optional>
#include <string>

#include "agent/uplink.hpp"
#include "uplink/spool/spool.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {

class WindowSpooler {
 public:
  // `spool` must outlive the spooler. Logs the damage the spool's start-up scan found.
  WindowSpooler(spool::Spool& spool, std::uint64_t max_bytes);

  // The window's spool record id; nullopt when it goes out from memory only.
  std::optional<std::uint64_t> store(const std::string& payload);
  // Windows that will never be delivered: memory-only ones that could not be sent or whose
  // delivery failed, or ones the far end refused for good.
  void lost(std::uint64_t windows);

  // spool_faults of data and birth: the start-up scan's counts and the memory-only windows.
  const wire::SpoolFaults& faults() const { return faults_; }
  UplinkStats stats(std::optional<double> last_publish_latency_ms) const;

 private:
  void note_drops();

  spool::Spool& spool_;
  std::uint64_t max_bytes_;
  wire::SpoolFaults faults_;
  std::uint64_t lost_ = 0;
  std::uint64_t logged_drop_episodes_ = 0;
  // The current episode of a spool that cannot store: windows sent from memory only in it.
  bool unwritable_ = false;
  std::uint64_t unspooled_in_episode_ = 0;
};

}  // namespace suanli::agent
