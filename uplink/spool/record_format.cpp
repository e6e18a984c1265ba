#include "uplink/spool/record_format.hpp"

#include "uplink/spool/crc32c.hpp"

namespace suanli::spool {

void put_u32_le(char* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out[i] = static_cast<char>((v >> (8 * i)) & 0xffu);
}

void put_u64_le(char* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i)
    out[i] = static_cast<char>((v >> (8 * i)) & 0xffu);
}

std::uint32_t get_u32_le(const char* in) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

std::uint64_t get_u64_le(const char* in) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

std::uint32_t record_crc(std::uint32_t length, std::uint64_t id, std::string_view payload) {
  char fields[12];
  put_u32_le(fields, length);
  put_u64_le(fields + 4, id);
  return crc32c(payload, crc32c(std::string_view(fields, sizeof fields)));
}

std::string encode_record(std::uint64_t id, std::string_view payload) {
  std::string out(kRecordHeaderBytes + payload.size(), '\0');
  auto length = static_cast<std::uint32_t>(payload.size());
  put_u32_le(out.data(), length);
  put_u32_le(out.data() + 4, record_crc(length, id, payload));
  put_u64_le(out.data() + 8, id);
  out.replace(kRecordHeaderBytes, payload.size(), payload);
  return out;
}

RecordHeader decode_record_header(const char* bytes) {
  return RecordHeader{get_u32_le(bytes), get_u32_le(bytes + 4), get_u64_le(bytes + 8)};
}

}  // namespace suanli::spool
