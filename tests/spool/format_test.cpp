#include <gtest/gtest.h>

#include "uplink/spool/crc32c.hpp"
#include "uplink/spool/names.hpp"
#include "uplink/spool/record_format.hpp"

namespace suanli::spool {

TEST(SpoolFormat, Crc32cMatchesTheCheckValue) {
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);
  EXPECT_EQ(crc32c(""), 0u);
  EXPECT_EQ(crc32c("56789", crc32c("1234")), crc32c("123456789"));
}

TEST(SpoolFormat, FileNamesRoundTrip) {
  EXPECT_EQ(file_name(42, FileKind::segment), "seg-00000000000000000042.log");
  auto parsed = parse_file_name(file_name(UINT64_MAX, FileKind::acks));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->first_id, UINT64_MAX);
  EXPECT_EQ(parsed->kind, FileKind::acks);
  EXPECT_FALSE(parse_file_name("seg-00000000000000000042.tmp"));
  EXPECT_FALSE(parse_file_name("seg-0000000000000000004x.log"));
  EXPECT_FALSE(parse_file_name("seg-99999999999999999999.log"));
  EXPECT_FALSE(parse_file_name("notes.txt"));
}

TEST(SpoolFormat, RecordHeaderCarriesLengthCrcAndId) {
  std::string record = encode_record(7, "hello");
  ASSERT_EQ(record.size(), kRecordHeaderBytes + 5);
  RecordHeader h = decode_record_header(record.data());
  EXPECT_EQ(h.length, 5u);
  EXPECT_EQ(h.id, 7u);
  EXPECT_EQ(h.crc, record_crc(5, 7, "hello"));
  EXPECT_NE(h.crc, record_crc(5, 8, "hello"));
  EXPECT_EQ(record.substr(kRecordHeaderBytes), "hello");
}

}  // namespace suanli::spool
