#pragma once

// One record in a segment file, all integers little-endian:
//   u32 payload length | u32 CRC-32C of (length, id, payload) | u64 id | payload bytes

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace suanli::spool {

inline constexpr std::size_t kRecordHeaderBytes = 16;
// A data message is at most 256 KiB; anything far larger in a header is corruption.
inline constexpr std::uint32_t kMaxPayloadBytes = 16u * 1024 * 1024;

struct RecordHeader {
  std::uint32_t length = 0;
  std::uint32_t crc = 0;
  std::uint64_t id = 0;
};

std::uint32_t record_crc(std::uint32_t length, std::uint64_t id, std::string_view payload);
// Header and payload, ready for one write(2).
std::string encode_record(std::uint64_t id, std::string_view payload);
RecordHeader decode_record_header(const char* bytes);

void put_u32_le(char* out, std::uint32_t v);
void put_u64_le(char* out, std::uint64_t v);
std::uint32_t get_u32_le(const char* in);
std::uint64_t get_u64_le(const char* in);

}  // namespace suanli::spool
