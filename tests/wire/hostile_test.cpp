// Hostile and random inputs: decode must return an error, never crash, hang or throw, and
// whatever it accepts must encode again without throwing.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "samples.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

const std::string kStatusTopic = "suanli/v1/sz-aicc/gpu-a01/status";
const std::string kDataTopic = "suanli/v1/sz-aicc/gpu-a01/data";

bool printable_ascii(const std::string& s) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

Expected<Message, DecodeError> decode_no_throw(std::string_view topic, std::string_view payload) {
  Expected<Message, DecodeError> r = Message{};
  EXPECT_NO_THROW(r = decode(topic, payload));
  return r;
}

// Decodes, expects a failure and returns its reason.
DecodeReason reason_of(std::string_view topic, std::string_view payload) {
  const auto r = decode_no_throw(topic, payload);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return DecodeReason::invalid_json;
  EXPECT_TRUE(printable_ascii(r.error().message())) << r.error().message();
  return r.error().reason;
}

// A status message with one extra, ignored member whose raw JSON value is given.
std::string status_with_extra(const std::string& raw) {
  std::string s = encode(test::status_sample());
  s.insert(s.size() - 1, ",\"future\":" + raw);
  return s;
}

// A data message whose device 0 power_w (a number) is given as raw JSON.
std::string data_with_power(const std::string& raw) {
  std::string s = encode(test::full_data());
  const std::string key = "\"power_w\":";
  const auto at = s.find(key) + key.size();
  s.replace(at, s.find(',', at) - at, raw);
  return s;
}

TEST(WireHostile, OversizedPayload) {
  const std::string big = status_with_extra('"' + std::string(300 * 1024, 'x') + '"');
  EXPECT_EQ(reason_of(kStatusTopic, big), DecodeReason::too_large);
  EXPECT_EQ(reason_of(kStatusTopic, std::string(300 * 1024, '[')), DecodeReason::too_large);
}

TEST(WireHostile, DeepNestingNeverReachesTheParser) {
  EXPECT_EQ(reason_of(kStatusTopic, std::string(100000, '[')), DecodeReason::too_deep);
  EXPECT_EQ(reason_of(kStatusTopic, std::string(100000, '[') + std::string(100000, ']')),
            DecodeReason::too_deep);
  std::string objects;
  for (int i = 0; i < 20000; ++i)
    objects += "{\"a\":";
  EXPECT_EQ(reason_of(kStatusTopic, objects), DecodeReason::too_deep);
  EXPECT_EQ(reason_of(kStatusTopic, status_with_extra(std::string(17, '[') + std::string(17, ']'))),
            DecodeReason::too_deep);
}

TEST(WireHostile, BracketsInsideStringsAreNotNesting) {
  const std::string brackets = "\"\\\"\\\\" + std::string(50000, '[') + "\\\"\"";
  const auto r = decode_no_throw(kStatusTopic, status_with_extra(brackets));
  EXPECT_TRUE(r.ok()) << r.error().message();
}

TEST(WireHostile, AByteOrderMarkIsInvalidJson) {
  const std::string status = status_with_extra("1");
  ASSERT_TRUE(decode_no_throw(kStatusTopic, status).ok());
  EXPECT_EQ(reason_of(kStatusTopic, "\xEF\xBB\xBF" + status), DecodeReason::invalid_json);
}

TEST(WireHostile, HugeNumbers) {
  // nlohmann refuses a literal that overflows a double, so it never becomes an infinity.
  EXPECT_EQ(reason_of(kDataTopic, data_with_power("1e999")), DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kDataTopic, data_with_power("-1e999")), DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kDataTopic, data_with_power(std::string(100000, '9'))),
            DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kDataTopic, data_with_power("1" + std::string(400, '0') + ".5")),
            DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kDataTopic, data_with_power("-1e300")), DecodeReason::bad_value);
  EXPECT_TRUE(decode_no_throw(kDataTopic, data_with_power("1e-999")).ok());
  EXPECT_TRUE(decode_no_throw(kDataTopic, data_with_power("1.7976931348623157e308")).ok());

  const auto with_seq = [](const std::string& raw) {
    std::string s = encode(test::status_sample());
    s.replace(s.find("\"seq\":0"), 7, "\"seq\":" + raw);
    return s;
  };
  EXPECT_EQ(reason_of(kStatusTopic, with_seq(std::string(100000, '9'))),
            DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kStatusTopic, with_seq("18446744073709551616")), DecodeReason::wrong_type);
  EXPECT_EQ(reason_of(kStatusTopic, with_seq("-99999999999999999999999")),
            DecodeReason::wrong_type);
  EXPECT_EQ(reason_of(kStatusTopic, with_seq("-9223372036854775808")), DecodeReason::wrong_type);
  EXPECT_EQ(reason_of(kStatusTopic, with_seq("1e19")), DecodeReason::wrong_type);
}

TEST(WireHostile, InvalidUtf8) {
  // Anywhere in the JSON text, including a key or an ignored member, it is not JSON.
  EXPECT_EQ(reason_of(kStatusTopic, status_with_extra("\"\xff\xfe\"")), DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kStatusTopic, status_with_extra("{\"\xed\xa0\x80\":1}")),
            DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kStatusTopic, status_with_extra("\"\xe4\xb8\"")), DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kStatusTopic, "\xff"), DecodeReason::invalid_json);
  // A topic with invalid UTF-8 is reported without echoing the raw bytes.
  EXPECT_EQ(reason_of("suanli/v1/sz\xff/gpu-a01/status", encode(test::status_sample())),
            DecodeReason::bad_topic);
  // Escaped lone surrogates are not valid Unicode either.
  EXPECT_EQ(reason_of(kStatusTopic, status_with_extra("\"\\ud800\"")), DecodeReason::invalid_json);
}

TEST(WireHostile, EmptyAndTinyPayloads) {
  for (const char* p : {"", " ", "{", "}", "[]", "{}", "null", "0", "\"\"", "true", "\x00"}) {
    const auto r = decode_no_throw(kStatusTopic, p);
    EXPECT_FALSE(r.ok()) << p;
  }
  EXPECT_EQ(reason_of(kStatusTopic, std::string_view("\0", 1)), DecodeReason::invalid_json);
  EXPECT_EQ(reason_of(kStatusTopic, "{}"), DecodeReason::missing_field);
}

// Random edits of valid payloads: nothing may throw or crash, every error message is printable,
// and anything accepted re-encodes to a payload that decodes to the same message.
TEST(WireHostile, RandomMutationsNeverCrash) {
  const std::vector<Message> seeds = {test::status_sample(), test::full_birth(), test::full_data(),
                                      Hist{test::full_data()}, test::full_cmd()};
  const std::string alphabet = "{}[]\":,.-+eE0123456789 \\/nultrfa\xff\xc3\xa9";
  std::mt19937 rng(20240601);
  int accepted = 0;
  for (const auto& seed : seeds) {
    const std::string topic = topic_of(seed);
    const std::string original = encode(seed);
    for (int i = 0; i < 3000; ++i) {
      std::string p = original;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !p.empty(); ++e) {
        const std::size_t at = rng() % p.size();
        switch (rng() % 4) {
          case 0:
            p[at] = alphabet[rng() % alphabet.size()];
            break;
          case 1:
            p.insert(at, 1, alphabet[rng() % alphabet.size()]);
            break;
          case 2:
            p.erase(at, 1 + rng() % 8);
            break;
          default:
            p.resize(at);
            break;
        }
      }
      Expected<Message, DecodeError> r = Message{};
      ASSERT_NO_THROW(r = decode(topic, p)) << p;
      if (!r.ok()) {
        ASSERT_TRUE(printable_ascii(r.error().message())) << r.error().message();
        continue;
      }
      ++accepted;
      std::string again;
      ASSERT_NO_THROW(again = encode(r.value())) << p;
      const auto back = decode(topic, again);
      ASSERT_TRUE(back.ok()) << back.error().message() << "\n" << p;
      ASSERT_EQ(back.value(), r.value()) << p;
    }
  }
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace suanli::wire
