#pragma once

// The acknowledgements of one segment: an append-only file of 12-byte entries,
// u64 id (little-endian) | u32 CRC-32C of those 8 bytes. Appending is one small write per ack,
// with no rewrite; the file is deleted together with its segment, so it never outgrows it.

#include <cstdint>
#include <functional>
#include <string>

#include "config/expected.hpp"

namespace suanli::spool {

inline constexpr std::size_t kAckEntryBytes = 12;

std::string encode_ack(std::uint64_t id);

struct AckLogScan {
  std::uint64_t good_bytes = 0;  // the file up to the first torn or corrupt entry
  bool torn = false;
};

// Calls `on_ack` for each intact entry, in file order, stopping at the first bad one.
Expected<AckLogScan> scan_ack_log(int fd, const std::function<void(std::uint64_t)>& on_ack);

}  // namespace suanli::spool
