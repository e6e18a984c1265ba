// The simdjson parser under the wire decoder refuses what the nlohmann-based strict parser of
// config files (config/strict_json.hpp) refuses, and reads numbers as it does.

#include "uplink/wire/json_parser.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "config/strict_json.hpp"
#include "samples.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

const std::string kParsedDataTopic = "suanli/v1/sz-aicc/gpu-a01/data";
const std::string kParsedBirthTopic = "suanli/v1/sz-aicc/gpu-a01/birth";

// `payload` with the first `from` after the first `after` replaced by `to`.
std::string edited(std::string payload, const std::string& after, const std::string& from,
                   const std::string& to) {
  const auto at = payload.find(from, payload.find(after));
  EXPECT_NE(at, std::string::npos) << from;
  return payload.replace(at, from.size(), to);
}

DecodeError error_of(const std::string& topic, const std::string& payload) {
  const auto decoded = decode(topic, payload);
  EXPECT_FALSE(decoded.ok()) << payload;
  return decoded.ok() ? DecodeError{} : decoded.error();
}

TEST(WireJsonParser, AKeyRepeatedDeepInDevicesIsInvalidJson) {
  const std::string birth = encode(test::full_birth());
  // Inside devices[2].peak_tflops (the cpu), two levels below devices[], after everything else read
  // fine.
  const std::string repeated =
      edited(birth, "\"id\":\"cpu\"", "\"peak_tflops\":{", "\"peak_tflops\":{\"fp64\":1,");
  ASSERT_TRUE(decode(kParsedBirthTopic, birth).ok());
  const DecodeError e = error_of(kParsedBirthTopic, repeated);
  EXPECT_EQ(e.reason, DecodeReason::invalid_json) << e.message();
  EXPECT_EQ(e.message(), "key \"fp64\" is repeated in one object");
}

TEST(WireJsonParser, AKeyRepeatedInAnIgnoredMemberOrSpelledWithEscapesIsInvalidJson) {
  std::string data = encode(test::full_data());
  const auto with_future = [&](const std::string& raw) {
    std::string out = data;
    return out.insert(out.size() - 1, ",\"future\":" + raw);
  };
  ASSERT_TRUE(decode(kParsedDataTopic, with_future(R"([{"a":[{"b":1,"c":2}]}])")).ok());
  EXPECT_EQ(error_of(kParsedDataTopic, with_future(R"([{"a":[{"b":1,"b":2}]}])")).reason,
            DecodeReason::invalid_json);
  // "\u0070ower_w" is "power_w" once unescaped.
  EXPECT_EQ(error_of(kParsedDataTopic, edited(data, "\"devices\"",
                                              "\"power_w\":", "\"\\u0070ower_w\":1,\"power_w\":"))
                .reason,
            DecodeReason::invalid_json);
  // Many members (the parser sorts those), two of them one key.
  std::string many = "{";
  for (int i = 0; i < 40; ++i)
    many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  ASSERT_TRUE(decode(kParsedDataTopic, with_future(many + "\"k\":0}")).ok());
  EXPECT_EQ(error_of(kParsedDataTopic, with_future(many + "\"k17\":0}")).message(),
            "key \"k17\" is repeated in one object");
}

TEST(WireJsonParser, TooDeepComesBeforeARepeatedKeyOrBadSyntax) {
  const std::string data = encode(test::full_data());
  const std::string deep = std::string(16, '[') + std::string(16, ']');
  const auto with_future = [&](const std::string& raw) {
    std::string out = data;
    return out.insert(out.size() - 1, ",\"future\":" + raw);
  };
  EXPECT_EQ(error_of(kParsedDataTopic, with_future("{\"a\":1,\"a\":" + deep + "}")).reason,
            DecodeReason::too_deep);
  EXPECT_EQ(error_of(kParsedDataTopic, with_future(deep + ",]")).reason, DecodeReason::too_deep);
}

TEST(WireJsonParser, NegativeZeroIsNotAnUnsignedInteger) {
  const std::string status = encode(test::status_sample());
  const std::string seq = "\"seq\":" + std::to_string(test::status_sample().header.seq);
  for (const char* zero : {"-0", "-0 ", "0"}) {
    const auto decoded = decode(topic_of(test::status_sample()),
                                edited(status, "{", seq, std::string("\"seq\":") + zero));
    if (std::string(zero) == "0") {
      EXPECT_TRUE(decoded.ok()) << decoded.error().message();
    } else {
      ASSERT_FALSE(decoded.ok()) << zero;
      EXPECT_EQ(decoded.error().reason, DecodeReason::wrong_type);
      EXPECT_EQ(decoded.error().message(), "seq: must be an unsigned integer");
    }
  }
  // As a double, -0 is zero; "-0" inside a string is text.
  const std::string data = encode(test::full_data());
  const auto cold =
      decode(kParsedDataTopic, edited(edited(data, "\"devices\"", "\"temperature_c\":",
                                             "\"temperature_c\":-0,\"x\":\"a-0,\",\"t\":"),
                                      "\"x\"", "\"t\":", "\"u\":"));
  ASSERT_TRUE(cold.ok()) << cold.error().message();
  EXPECT_EQ(std::get<Data>(cold.value()).devices[0].temperature_c, 0.0);
}

TEST(WireJsonParser, IntegersBeyondSixtyFourBitsAreDoubles) {
  const std::string data = encode(test::full_data());
  const auto power = [&](const std::string& raw) {
    return decode(kParsedDataTopic,
                  edited(data, "\"devices\"", "\"power_w\":", "\"power_w\":" + raw + ",\"p\":"));
  };
  const auto big = power("18446744073709551616");
  ASSERT_TRUE(big.ok()) << big.error().message();
  EXPECT_EQ(std::get<Data>(big.value()).devices[0].power_w, 18446744073709551616.0);
  EXPECT_EQ(power("-99999999999999999999").error().message(),
            "devices[0].power_w: must be a finite number >= 0");
  EXPECT_EQ(power("1" + std::string(400, '0')).error().reason, DecodeReason::invalid_json);
  EXPECT_EQ(power("01").error().reason, DecodeReason::invalid_json);
}

// Random edits of real payloads, biased to numbers, keys, escapes and nesting: each is refused
// by both parsers or by neither, for the same reason (too_deep or invalid_json).
TEST(WireJsonParser, RefusesWhatTheStrictNlohmannParserRefuses) {
  const std::vector<std::string> seeds = {encode(test::full_birth()), encode(test::full_data()),
                                          encode(test::status_sample()),
                                          R"({"a":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]],"b":{"c":-1}})"};
  const std::vector<std::string> pieces = {"-0",
                                           "0",
                                           "9",
                                           "99999999999",
                                           "18446744073709551616",
                                           "-9223372036854775809",
                                           ".",
                                           "e",
                                           "-",
                                           "\"",
                                           "\\",
                                           "\\u0000",
                                           "\\ud800",
                                           "\\udc00",
                                           "\\u0061",
                                           "\xc3\xa9",
                                           "\xff",
                                           "\xed\xa0\x80",
                                           "{",
                                           "}",
                                           "[",
                                           "]",
                                           ",",
                                           ":",
                                           " ",
                                           "\"a\":1,",
                                           "\"id\":",
                                           "1e999",
                                           "1e-999",
                                           "\x01",
                                           "null"};
  JsonParser parser(kMaxDepth);
  std::mt19937 rng(20261207);
  int refused = 0;
  int accepted = 0;
  for (const auto& seed : seeds) {
    for (int i = 0; i < 600; ++i) {
      std::string p = seed;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits && !p.empty(); ++e) {
        const std::size_t at = rng() % p.size();
        const std::string& piece = pieces[rng() % pieces.size()];
        if (rng() % 3 == 0) {
          p.erase(at, 1 + rng() % 4);
        } else {
          p.insert(at, piece);
        }
      }
      const auto strict = parse_strict_json(p, kMaxDepth);
      const auto fast = parser.parse(p);
      ASSERT_EQ(fast.ok(), strict.ok())
          << p << "\n"
          << (fast.ok() ? strict.error().detail : fast.error().detail);
      if (strict.ok()) {
        ++accepted;
        continue;
      }
      ++refused;
      ASSERT_EQ(fast.error().reason == DecodeReason::too_deep, strict.error().too_deep) << p;
    }
  }
  EXPECT_GT(accepted, 200);
  EXPECT_GT(refused, 200);
}

}  // namespace
}  // namespace suanli::wire
