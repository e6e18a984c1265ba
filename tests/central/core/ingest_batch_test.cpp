// POST /api/v1/ingest's body (central/core/ingest_batch.hpp): parsed as strictly as an MQTT
// payload, each message handed on as JSON that decodes to what was sent.

#include "central/core/ingest_batch.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fixtures.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

std::string batch_of(const std::string& messages) {
  return R"({"v":1,"messages":[)" + messages + "]}";
}

wire::Data window() {
  const auto gpu = test::h100("gpu0");
  return test::data(test::header("sz-aicc", "gpu-a01", 1, 3), {gpu});
}

TEST(IngestBatch, EachMessageDecodesToWhatWasSent) {
  const wire::Data sent = window();
  const auto batch = parse_ingest_batch(batch_of(wire::encode(sent) + "," + wire::encode(sent)));
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  ASSERT_EQ(batch->size(), 2u);
  const BatchMessage& m = batch->front();
  EXPECT_EQ(m.topic, "suanli/v1/sz-aicc/gpu-a01/data");
  EXPECT_EQ(m.center, "sz-aicc");
  const auto decoded = wire::decode(m.topic, m.payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  EXPECT_EQ(std::get<wire::Data>(decoded.value()), sent);
}

TEST(IngestBatch, ANumberKeepsItsTypeOnTheWayToTheDecoder) {
  std::string text = wire::encode(window());
  const std::string seq = "\"seq\":3";
  for (const char* raw : {"3.0", "3e0", "-0", "18446744073709551616"}) {
    std::string edited = text;
    edited.replace(edited.find(seq), seq.size(), std::string("\"seq\":") + raw);
    const auto batch = parse_ingest_batch(batch_of(edited));
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    const auto decoded = wire::decode(batch->front().topic, batch->front().payload);
    ASSERT_FALSE(decoded.ok()) << raw;
    EXPECT_EQ(decoded.error().message(), "seq: must be an unsigned integer") << raw;
  }
}

TEST(IngestBatch, AKeyRepeatedInsideAMessageRefusesTheBody) {
  std::string text = wire::encode(window());
  const std::string healthy = "\"healthy\":";
  text.insert(text.find(healthy), healthy + "true,");
  const auto batch = parse_ingest_batch(batch_of(text));
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().reject, wire::DecodeReason::invalid_json);
  EXPECT_EQ(batch.error().detail, "key \"healthy\" is repeated in one object");
}

TEST(IngestBatch, AMessageMayNestAsDeepAsOnMqttAndNoDeeper) {
  const std::string status = wire::encode(test::status(test::header("sz-aicc", "n1", 1, 0), true));
  const auto with_future = [&](std::size_t depth) {
    std::string s = status;
    // The message is one level, "future" the rest.
    return s.insert(s.size() - 1,
                    ",\"future\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']'));
  };
  EXPECT_TRUE(parse_ingest_batch(batch_of(with_future(wire::kMaxDepth))).ok());
  const auto deep = parse_ingest_batch(batch_of(with_future(wire::kMaxDepth + 1)));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().reject, wire::DecodeReason::too_deep);
}

TEST(IngestBatch, ABodyWithAByteOrderMarkIsInvalidJson) {
  const std::string body = batch_of(wire::encode(window()));
  ASSERT_TRUE(parse_ingest_batch(body).ok());
  const auto marked = parse_ingest_batch("\xEF\xBB\xBF" + body);
  ASSERT_FALSE(marked.ok());
  EXPECT_EQ(marked.error().reject, wire::DecodeReason::invalid_json);
}

TEST(IngestBatch, VersionOneInAnySpellingAndOneToAHundredMessages) {
  const std::string m = wire::encode(window());
  EXPECT_TRUE(parse_ingest_batch(R"({"v":1.0,"messages":[)" + m + "]}").ok());
  for (const std::string& body :
       {R"({"v":2,"messages":[)" + m + "]}", R"({"v":true,"messages":[)" + m + "]}",
        std::string(R"({"v":1,"messages":[]})"), std::string(R"([{"v":1}])")}) {
    const auto batch = parse_ingest_batch(body);
    ASSERT_FALSE(batch.ok()) << body;
    EXPECT_FALSE(batch.error().reject) << body;
  }
}

}  // namespace
}  // namespace suanli::central
