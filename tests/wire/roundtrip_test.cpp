#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "samples.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

struct Sample {
  std::string name;
  Message message;
};

// Keeps gtest from printing the whole object as bytes into every test's name.
void PrintTo(const Sample& s, std::ostream* os) {
  *os << s.name;
}

std::vector<Sample> samples() {
  return {
      {"status", test::status_sample()},      {"status_offline", Status{test::header(5), false}},
      {"birth_full", test::full_birth()},     {"birth_minimal", test::minimal_birth()},
      {"data_full", test::full_data()},       {"data_minimal", test::minimal_data()},
      {"hist_full", Hist{test::full_data()}}, {"hist_minimal", Hist{test::minimal_data()}},
      {"cmd_full", test::full_cmd()},         {"cmd_minimal", test::minimal_cmd()},
  };
}

class WireRoundTrip : public testing::TestWithParam<Sample> {};

TEST_P(WireRoundTrip, DecodeOfEncodeIsEqual) {
  const Message& m = GetParam().message;
  const std::string payload = encode(m);
  const auto decoded = decode(topic_of(m), payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message() << "\n" << payload;
  EXPECT_EQ(decoded.value(), m);
  EXPECT_EQ(kind_of(decoded.value()), kind_of(m));
  EXPECT_EQ(encode(decoded.value()), payload);
}

TEST_P(WireRoundTrip, NeverEncodesNullAndStartsWithTheHeader) {
  const Message& m = GetParam().message;
  const std::string payload = encode(m);
  EXPECT_EQ(payload.find("null"), std::string::npos) << payload;
  EXPECT_EQ(nlohmann::ordered_json::parse(payload).dump(), payload) << "compact JSON expected";
  const std::string head = "{\"v\":1,\"kind\":\"" + std::string(to_string(kind_of(m))) + "\",";
  EXPECT_EQ(payload.rfind(head, 0), 0u) << payload;
}

INSTANTIATE_TEST_SUITE_P(Kinds, WireRoundTrip, testing::ValuesIn(samples()),
                         [](const auto& info) { return info.param.name; });

TEST(WireEncode, AbsentOptionalsAreOmitted) {
  const std::string birth = encode(test::minimal_birth());
  for (const char* key : {"district", "uuid", "pci_id", "share", "parent", "cpu_limit",
                          "spool_faults", "peak_confidence", "peak_basis", "peak_unknown"}) {
    EXPECT_EQ(birth.find(key), std::string::npos) << key;
  }
  const std::string cmd = encode(test::minimal_cmd());
  EXPECT_EQ(cmd.find("\"boot\""), std::string::npos);
  EXPECT_EQ(cmd.find("\"seq\""), std::string::npos);
  const std::string data = encode(test::full_data());
  // gpu1 has method none: no activity, no readings, an empty achieved map.
  EXPECT_NE(data.find("{\"id\":\"gpu1\",\"healthy\":false,\"health_reason\":\"gpu_lost\","
                      "\"method\":\"none\",\"achieved_tflops\":{}}"),
            std::string::npos)
      << data;
}

TEST(WireEncode, PeakUnknownListsPrecisionsInCanonicalOrder) {
  Birth b = test::minimal_birth();
  Device d;
  d.id = "npu0";
  d.backend = "ascend";
  d.peak_source = PeakSource::catalog;
  d.peak_confidence = PeakConfidence::low;
  d.peak_unknown = PrecisionSet{};
  d.peak_unknown->insert(Precision::bf16);
  d.peak_unknown->insert(Precision::fp32);
  b.devices.push_back(d);
  const std::string text = encode(b);
  EXPECT_NE(text.find("\"peak_confidence\":\"low\",\"peak_unknown\":[\"fp32\",\"bf16\"]"),
            std::string::npos)
      << text;
  d.peak_unknown = PrecisionSet{};
  b.devices = {d};
  EXPECT_NE(encode(b).find("\"peak_unknown\":[]"), std::string::npos) << "empty: none unknown";
  auto back = decode(topic_of(b), text);
  ASSERT_TRUE(back.ok()) << back.error().message();
  const auto& device = std::get<Birth>(*back).devices.at(0);
  EXPECT_TRUE(device.peak_unknown->contains(Precision::bf16));
  EXPECT_FALSE(device.peak_unknown->contains(Precision::fp16));
}

TEST(WireEncode, MethodSharesListOnlyTheMethodsUsedBestFirst) {
  Data d = test::full_data();
  d.devices[0].method_shares = MethodShares{{0.25, 0, 0.75, 0}};
  const std::string data = encode(d);
  EXPECT_NE(
      data.find(R"("method":"gpm_tensor","method_shares":{"gpm_tensor":0.25,"busy_time":0.75},)"),
      std::string::npos)
      << data;
}

TEST(WireDecode, WithoutMethodSharesTheWholeWindowIsByItsMethod) {
  Data d = test::full_data();
  d.devices[0].method_shares.reset();
  const auto decoded = decode(topic_of(d), encode(d));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  const auto& w = std::get<Data>(decoded.value()).devices;
  EXPECT_FALSE(w[0].method_shares);
  EXPECT_EQ(shares_of(w[0]), MethodShares::only(Method::gpm_tensor));
  EXPECT_DOUBLE_EQ(shares_of(w[0])[Method::gpm_tensor], 1.0);
  EXPECT_FALSE(shares_of(w[1]).measured());  // method none
}

TEST(WireDecode, MethodSharesThatPrintRoundedStillAddUpToOne) {
  Data d = test::full_data();
  d.devices[0].method_shares = MethodShares{{1.0 / 3, 1.0 / 3, 1.0 / 3, 0}};
  const auto decoded = decode(topic_of(d), encode(d));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  EXPECT_EQ(std::get<Data>(decoded.value()), d);
}

TEST(WireEncode, PrecisionMapsHoldOnlyKnownKeysInCanonicalOrder) {
  Data d = test::minimal_data();
  d.totals.peak_tflops[Precision::int8] = 2;
  d.totals.peak_tflops[Precision::fp64] = 1;
  const std::string payload = encode(d);
  EXPECT_NE(payload.find("\"peak_tflops\":{\"fp64\":1.0,\"int8\":2.0}"), std::string::npos)
      << payload;
  EXPECT_NE(payload.find("\"live_tflops\":{}"), std::string::npos) << payload;
}

TEST(WireEncode, NonFiniteNumbersAreOmittedAsUnknown) {
  Data d = test::full_data();
  d.devices[0].power_w = std::nan("");
  d.devices[0].temperature_c = INFINITY;
  d.devices[0].achieved_tflops[Precision::fp16] = -INFINITY;
  d.publish_latency_ms = NAN;
  const std::string payload = encode(d);
  EXPECT_EQ(payload.find("null"), std::string::npos) << payload;
  const auto decoded = decode(topic_of(d), payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  const auto& back = std::get<Data>(decoded.value());
  EXPECT_FALSE(back.devices[0].power_w);
  EXPECT_FALSE(back.devices[0].temperature_c);
  EXPECT_FALSE(back.devices[0].achieved_tflops[Precision::fp16]);
  EXPECT_TRUE(back.devices[0].achieved_tflops[Precision::bf16]);
  EXPECT_FALSE(back.publish_latency_ms);
}

TEST(WireEncode, InvalidUtf8IsReplacedNotThrown) {
  Birth b = test::full_birth();
  b.devices[0].model = "bad \xff\xfe name";
  b.host.hostname = std::string("a\0b", 3);
  std::string payload;
  ASSERT_NO_THROW(payload = encode(b));
  const auto decoded = decode(topic_of(b), payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  const auto& back = std::get<Birth>(decoded.value());
  EXPECT_EQ(back.devices[0].model, "bad \xEF\xBF\xBD\xEF\xBF\xBD name");
  EXPECT_EQ(back.host.hostname, std::string("a\0b", 3));
}

TEST(WireEncode, ExtremeIntegersRoundTrip) {
  Data d = test::minimal_data();
  d.header.boot = kMaxCounter;
  d.header.seq = kMaxCounter;
  d.header.ts_ms = UINT64_MAX;
  d.interval_ms = UINT64_MAX;
  d.spool.bytes = UINT64_MAX;
  const auto decoded = decode(topic_of(d), encode(d));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  EXPECT_EQ(std::get<Data>(decoded.value()), d);
}

TEST(WireDecode, UnknownFieldsAreIgnoredAtEveryLevel) {
  std::string payload = encode(test::full_birth());
  // Add an extra member at the top, inside host, inside a device and inside a precision-free
  // object (totals); decode must accept and ignore them.
  payload.insert(1, "\"future\":{\"nested\":[1,2,{\"x\":null}]},");
  const auto host = payload.find("\"host\":{") + 8;
  payload.insert(host, "\"cpu_flags\":\"avx512f\",");
  const auto device = payload.find("{\"id\":\"gpu0\"") + 1;
  payload.insert(device, "\"numa_node\":0,");
  const auto totals = payload.find("\"totals\":{") + 10;
  payload.insert(totals, "\"sockets\":2,");
  const auto decoded = decode(topic_of(test::full_birth()), payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message() << "\n" << payload;
  EXPECT_EQ(std::get<Birth>(decoded.value()), test::full_birth());
}

TEST(WireDecode, AcceptsWhitespaceAndAnyKeyOrder) {
  const std::string payload = R"(
    { "online" : false , "ts_ms" : 5, "seq": 0, "boot": 0,
      "node": "gpu-a01", "center": "sz-aicc", "kind": "status", "v": 1 } )";
  const auto decoded = decode("suanli/v1/sz-aicc/gpu-a01/status", payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  const auto& s = std::get<Status>(decoded.value());
  EXPECT_FALSE(s.online);
  EXPECT_EQ(s.header.ts_ms, 5u);
}

TEST(WireDecode, HistIsADistinctTypeWithTheDataBody) {
  const Data d = test::full_data();
  const Hist h{d};
  const std::string payload = encode(h);
  EXPECT_EQ(payload, [&] {
    std::string p = encode(d);
    p.replace(p.find("\"kind\":\"data\""), 13, "\"kind\":\"hist\"");
    return p;
  }());
  const auto decoded = decode(make_topic(test::kCenter, test::kNode, Kind::hist), payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  ASSERT_TRUE(std::holds_alternative<Hist>(decoded.value()));
  EXPECT_EQ(std::get<Hist>(decoded.value()).data, d);
}

TEST(WireDecode, ErrorMessageJoinsFieldAndDetail) {
  const DecodeError with_field{DecodeReason::bad_value, "devices[3].peak_tflops.fp16",
                               "must be a finite number >= 0"};
  EXPECT_EQ(with_field.message(), "devices[3].peak_tflops.fp16: must be a finite number >= 0");
  const DecodeError whole{DecodeReason::invalid_json, "", "payload is empty"};
  EXPECT_EQ(whole.message(), "payload is empty");
  EXPECT_EQ(to_string(DecodeReason::too_large), "too_large");
  EXPECT_EQ(to_string(DecodeReason::unknown_command), "unknown_command");
}

}  // namespace
}  // namespace suanli::wire
