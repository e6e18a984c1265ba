#include "uplink/spool/ack_log.hpp"

#include <array>

#include "uplink/spool/crc32c.hpp"
#include "uplink/spool/fd.hpp"
#include "uplink/spool/record_format.hpp"

namespace suanli::spool {

std::string encode_ack(std::uint64_t id) {
  std::string out(kAckEntryBytes, '\0');
  put_u64_le(out.data(), id);
  put_u32_le(out.data() + 8, crc32c(std::string_view(out.data(), 8)));
  return out;
}

Expected<AckLogScan> scan_ack_log(int fd, const std::function<void(std::uint64_t)>& on_ack) {
  constexpr std::size_t kEntriesPerRead = 512;
  std::array<char, kAckEntryBytes * kEntriesPerRead> buf;
  AckLogScan scan;
  for (;;) {
    auto got = pread_up_to(fd, buf.data(), buf.size(), static_cast<off_t>(scan.good_bytes));
    if (!got) return Expected<AckLogScan>::failure(got.error());
    std::size_t whole = *got / kAckEntryBytes * kAckEntryBytes;
    for (std::size_t at = 0; at < whole; at += kAckEntryBytes) {
      const char* entry = buf.data() + at;
      if (crc32c(std::string_view(entry, 8)) != get_u32_le(entry + 8)) {
        scan.torn = true;
        return scan;
      }
      on_ack(get_u64_le(entry));
      scan.good_bytes += kAckEntryBytes;
    }
    if (*got < buf.size()) {
      scan.torn = whole != *got;
      return scan;
    }
  }
}

}  // namespace suanli::spool
