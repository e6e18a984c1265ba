// One row per way a message can be wrong: the decoder must name the reason and the exact field.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "samples.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

using Json = nlohmann::ordered_json;

Message base(Kind k) {
  switch (k) {
    case Kind::status:
      return test::status_sample();
    case Kind::birth:
      return test::full_birth();
    case Kind::data:
      return test::full_data();
    case Kind::hist:
      return Hist{test::full_data()};
    case Kind::cmd:
      return test::full_cmd();
  }
  return test::status_sample();
}

std::string topic(Kind k) {
  return make_topic(test::kCenter, test::kNode, k);
}

// The valid base message of kind k with the member at a JSON pointer set to raw JSON text (kept
// verbatim, so that literals like 1e999 or -0 reach the decoder as written).
std::string with(Kind k, const std::string& pointer, const std::string& raw) {
  static const std::string kMark = "\x01raw\x01";
  Json j = Json::parse(encode(base(k)));
  j[Json::json_pointer(pointer)] = kMark;
  std::string out = j.dump();
  const std::string quoted_mark = "\"\\u0001raw\\u0001\"";
  out.replace(out.find(quoted_mark), quoted_mark.size(), raw);
  return out;
}

// The valid base message of kind k without the member at a JSON pointer.
std::string without(Kind k, const std::string& pointer) {
  Json j = Json::parse(encode(base(k)));
  const Json::json_pointer p(pointer);
  j[p.parent_pointer()].erase(p.back());
  return j.dump();
}

std::string quoted(const std::string& s) {
  return '"' + s + '"';
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i)
    out += s;
  return out;
}

struct Row {
  std::string name;
  std::string topic;
  std::string payload;
  DecodeReason reason;
  std::string field;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << r.name;
}

std::vector<Row> rows() {
  const auto S = Kind::status;
  const auto B = Kind::birth;
  const auto D = Kind::data;
  const auto H = Kind::hist;
  const auto C = Kind::cmd;
  using R = DecodeReason;
  const std::string status = encode(test::status_sample());
  const auto shares = [](const std::string& raw) {
    return with(Kind::data, "/devices/0/method_shares", raw);
  };
  return {
      // Whole payload.
      {"too_large", topic(S), std::string(kMaxPayloadBytes + 1, ' '), R::too_large, ""},
      {"empty", topic(S), "", R::invalid_json, ""},
      {"not_json", topic(S), "online", R::invalid_json, ""},
      {"truncated", topic(S), status.substr(0, status.size() - 1), R::invalid_json, ""},
      {"trailing_bytes", topic(S), status + "x", R::invalid_json, ""},
      {"two_documents", topic(S), status + status, R::invalid_json, ""},
      {"invalid_utf8", topic(B), with(B, "/host/hostname", "\"gpu\xff\""), R::invalid_json, ""},
      {"overlong_utf8", topic(B), with(B, "/host/os", "\"\xc0\xaf\""), R::invalid_json, ""},
      {"nan_literal", topic(D), with(D, "/publish_latency_ms", "NaN"), R::invalid_json, ""},
      {"repeated_key", topic(S), with(S, "/online", "true,\"online\":false"), R::invalid_json, ""},
      {"too_deep", topic(S), with(S, "/future", repeat("[", 16) + repeat("]", 16)), R::too_deep,
       ""},
      {"root_array", topic(S), "[" + status + "]", R::wrong_type, ""},
      {"root_string", topic(S), "\"status\"", R::wrong_type, ""},
      // Topic.
      {"unknown_kind_topic", "suanli/v1/sz-aicc/gpu-a01/state", status, R::bad_topic, ""},
      {"reserved_topic", "suanli/v1/_central/c1/state", status, R::bad_topic, ""},
      {"bad_topic_id", "suanli/v1/sz-aicc/GPU-A01/status", status, R::bad_topic, ""},
      {"v2_topic", "suanli/v2/sz-aicc/gpu-a01/status", status, R::bad_topic, ""},
      // Header.
      {"missing_v", topic(S), without(S, "/v"), R::missing_field, "v"},
      {"v_2", topic(S), with(S, "/v", "2"), R::unknown_version, "v"},
      {"v_0", topic(S), with(S, "/v", "0"), R::unknown_version, "v"},
      {"v_string", topic(S), with(S, "/v", "\"1\""), R::wrong_type, "v"},
      {"v_float", topic(S), with(S, "/v", "1.0"), R::wrong_type, "v"},
      {"kind_differs", topic(S), with(S, "/kind", "\"data\""), R::wrong_kind, "kind"},
      {"data_on_hist_topic", topic(H), encode(test::full_data()), R::wrong_kind, "kind"},
      {"kind_unknown", topic(S), with(S, "/kind", "\"bogus\""), R::wrong_kind, "kind"},
      {"missing_kind", topic(S), without(S, "/kind"), R::missing_field, "kind"},
      {"center_not_id", topic(S), with(S, "/center", "\"SZ-AICC\""), R::bad_id, "center"},
      {"node_not_id", topic(S), with(S, "/node", "\"_gpu\""), R::bad_id, "node"},
      {"center_differs", topic(S), with(S, "/center", "\"ks-aicc\""), R::topic_mismatch, "center"},
      {"node_differs", topic(D), with(D, "/node", "\"gpu-a02\""), R::topic_mismatch, "node"},
      {"missing_boot", topic(S), without(S, "/boot"), R::missing_field, "boot"},
      {"seq_fraction", topic(S), with(S, "/seq", "1.5"), R::wrong_type, "seq"},
      {"boot_negative", topic(S), with(S, "/boot", "-1"), R::wrong_type, "boot"},
      // boot and seq are bounded by kMaxCounter (2^53): 2^64 - 1 would lock a node out for good.
      {"boot_u64_max", topic(S), with(S, "/boot", "18446744073709551615"), R::bad_value, "boot"},
      {"boot_over_2p53", topic(B), with(B, "/boot", "9007199254740993"), R::bad_value, "boot"},
      {"seq_u64_max", topic(D), with(D, "/seq", "18446744073709551615"), R::bad_value, "seq"},
      {"hist_seq_over_2p53", topic(H), with(H, "/seq", "9007199254740993"), R::bad_value, "seq"},
      {"ts_string", topic(S), with(S, "/ts_ms", "\"1767229190007\""), R::wrong_type, "ts_ms"},
      {"ts_over_u64", topic(S), with(S, "/ts_ms", "18446744073709551616"), R::wrong_type, "ts_ms"},
      {"ts_exponent", topic(S), with(S, "/ts_ms", "1e3"), R::wrong_type, "ts_ms"},
      {"ts_null", topic(S), with(S, "/ts_ms", "null"), R::wrong_type, "ts_ms"},
      // status
      {"online_missing", topic(S), without(S, "/online"), R::missing_field, "online"},
      {"online_string", topic(S), with(S, "/online", "\"true\""), R::wrong_type, "online"},
      {"online_number", topic(S), with(S, "/online", "1"), R::wrong_type, "online"},
      // birth
      {"host_missing", topic(B), without(B, "/host"), R::missing_field, "host"},
      {"host_string", topic(B), with(B, "/host", "\"gpu-a01\""), R::wrong_type, "host"},
      {"host_kernel_missing", topic(B), without(B, "/host/kernel"), R::missing_field,
       "host.kernel"},
      {"host_os_number", topic(B), with(B, "/host/os", "22"), R::wrong_type, "host.os"},
      {"host_cpu_limit_negative", topic(B), with(B, "/host/cpu_limit", "-1"), R::bad_value,
       "host.cpu_limit"},
      {"host_cpu_limit_string", topic(B), with(B, "/host/cpu_limit", "\"2\""), R::wrong_type,
       "host.cpu_limit"},
      {"district_null", topic(B), with(B, "/district", "null"), R::wrong_type, "district"},
      {"district_too_long", topic(B), with(B, "/district", quoted(repeat("区", 65))), R::bad_value,
       "district"},
      {"interval_zero", topic(B), with(B, "/interval_ms", "0"), R::bad_value, "interval_ms"},
      {"sample_interval_missing", topic(B), without(B, "/sample_interval_ms"), R::missing_field,
       "sample_interval_ms"},
      {"devices_missing", topic(B), without(B, "/devices"), R::missing_field, "devices"},
      {"devices_object", topic(B), with(B, "/devices", "{}"), R::wrong_type, "devices"},
      {"devices_over_1024", topic(B), with(B, "/devices", "[" + repeat("{},", 1024) + "{}]"),
       R::too_many_items, "devices"},
      {"device_not_object", topic(B), with(B, "/devices/2", "\"cpu\""), R::wrong_type,
       "devices[2]"},
      {"device_id_empty", topic(B), with(B, "/devices/0/id", "\"\""), R::bad_id, "devices[0].id"},
      {"device_id_too_long", topic(B), with(B, "/devices/2/id", quoted(repeat("c", 129))),
       R::bad_id, "devices[2].id"},
      {"device_id_duplicate", topic(B), with(B, "/devices/2/id", "\"gpu0\""), R::duplicate_id,
       "devices[2].id"},
      {"backend_not_a_name", topic(B), with(B, "/devices/0/backend", "\"Rocm SMI\""), R::bad_value,
       "devices[0].backend"},
      {"backend_empty", topic(B), with(B, "/devices/0/backend", "\"\""), R::bad_value,
       "devices[0].backend"},
      {"class_unknown", topic(B), with(B, "/devices/0/class", "\"gpu\""), R::bad_value,
       "devices[0].class"},
      {"vendor_missing", topic(B), without(B, "/devices/0/vendor"), R::missing_field,
       "devices[0].vendor"},
      {"model_too_long", topic(B), with(B, "/devices/0/model", quoted(repeat("x", 257))),
       R::bad_value, "devices[0].model"},
      {"pci_id_upper", topic(B), with(B, "/devices/0/pci_id", "\"10DE:2330\""), R::bad_value,
       "devices[0].pci_id"},
      {"pci_id_short", topic(B), with(B, "/devices/0/pci_id", "\"10de:233\""), R::bad_value,
       "devices[0].pci_id"},
      {"memory_fraction", topic(B), with(B, "/devices/0/memory_total_bytes", "8.5e10"),
       R::wrong_type, "devices[0].memory_total_bytes"},
      {"clock_negative", topic(B), with(B, "/devices/0/max_clock_mhz", "-1"), R::bad_value,
       "devices[0].max_clock_mhz"},
      {"peak_negative", topic(B), with(B, "/devices/0/peak_tflops/fp16", "-989.4"), R::bad_value,
       "devices[0].peak_tflops.fp16"},
      {"peak_infinite", topic(B), with(B, "/devices/2/peak_tflops/fp16", "1e999"), R::invalid_json,
       ""},
      {"peak_string", topic(B), with(B, "/devices/0/peak_tflops/fp16", "\"989.4\""), R::wrong_type,
       "devices[0].peak_tflops.fp16"},
      {"peak_unknown_precision", topic(B), with(B, "/devices/0/peak_tflops/fp4", "1"), R::bad_value,
       "devices[0].peak_tflops.fp4"},
      {"peak_sparse_key", topic(B), with(B, "/devices/0/peak_tflops/fp16_sparse", "1978.9"),
       R::bad_value, "devices[0].peak_tflops.fp16_sparse"},
      {"peak_array", topic(B), with(B, "/devices/0/peak_tflops", "[989.4]"), R::wrong_type,
       "devices[0].peak_tflops"},
      {"peak_missing", topic(B), without(B, "/devices/2/peak_tflops"), R::missing_field,
       "devices[2].peak_tflops"},
      {"peak_source_unknown", topic(B), with(B, "/devices/0/peak_source", "\"guess\""),
       R::bad_value, "devices[0].peak_source"},
      {"peak_confidence_unknown", topic(B), with(B, "/devices/0/peak_confidence", "\"sure\""),
       R::bad_value, "devices[0].peak_confidence"},
      {"peak_basis_too_long", topic(B), with(B, "/devices/0/peak_basis", quoted(repeat("x", 257))),
       R::bad_value, "devices[0].peak_basis"},
      {"peak_unknown_string", topic(B), with(B, "/devices/0/peak_unknown", "\"fp32\""),
       R::wrong_type, "devices[0].peak_unknown"},
      {"peak_unknown_not_a_precision", topic(B), with(B, "/devices/0/peak_unknown", "[\"fp4\"]"),
       R::bad_value, "devices[0].peak_unknown[0]"},
      {"peak_unknown_too_many", topic(B),
       with(B, "/devices/0/peak_unknown", "[" + repeat("\"fp8\",", 8) + "\"fp8\"]"),
       R::too_many_items, "devices[0].peak_unknown"},
      {"share_without_parent", topic(B), without(B, "/devices/1/parent"), R::bad_value,
       "devices[1].share"},
      {"parent_without_share", topic(B), without(B, "/devices/1/share"), R::missing_field,
       "devices[1].share"},
      {"share_zero", topic(B), with(B, "/devices/1/share", "0"), R::bad_value, "devices[1].share"},
      {"share_over_one", topic(B), with(B, "/devices/1/share", "1.5"), R::bad_value,
       "devices[1].share"},
      {"parent_unknown", topic(B), with(B, "/devices/1/parent", "\"gpu9\""), R::bad_value,
       "devices[1].parent"},
      {"parent_self", topic(B), with(B, "/devices/1/parent", "\"gpu0-mig-3g.40gb-1\""),
       R::bad_value, "devices[1].parent"},
      {"totals_missing", topic(B), without(B, "/totals"), R::missing_field, "totals"},
      {"totals_devices_negative", topic(B), with(B, "/totals/devices", "-2"), R::wrong_type,
       "totals.devices"},
      // data and hist
      {"window_reversed", topic(D), with(D, "/window/end_ms", "1767229170000"), R::bad_value,
       "window.end_ms"},
      {"window_samples_missing", topic(D), without(D, "/window/samples"), R::missing_field,
       "window.samples"},
      {"data_interval_zero", topic(D), with(D, "/interval_ms", "0"), R::bad_value, "interval_ms"},
      {"healthy_number", topic(D), with(D, "/devices/0/healthy", "1"), R::wrong_type,
       "devices[0].healthy"},
      {"method_unknown", topic(D), with(D, "/devices/0/method", "\"nvml\""), R::bad_value,
       "devices[0].method"},
      {"method_shares_not_object", topic(D), shares("0.7"), R::wrong_type,
       "devices[0].method_shares"},
      {"method_shares_unknown_method", topic(D), shares(R"({"gpm_tensor":0.5,"guess":0.5})"),
       R::bad_value, "devices[0].method_shares.guess"},
      {"method_shares_none", topic(D), shares(R"({"gpm_tensor":0.5,"none":0.5})"), R::bad_value,
       "devices[0].method_shares.none"},
      {"method_shares_zero", topic(D), shares(R"({"gpm_tensor":1,"busy_time":0})"), R::bad_value,
       "devices[0].method_shares.busy_time"},
      {"method_shares_over_one", topic(D), shares(R"({"gpm_tensor":1.5})"), R::bad_value,
       "devices[0].method_shares.gpm_tensor"},
      {"method_shares_string", topic(D), shares(R"({"gpm_tensor":"1"})"), R::wrong_type,
       "devices[0].method_shares.gpm_tensor"},
      {"method_shares_sum_short", topic(D), shares(R"({"gpm_tensor":0.5,"busy_time":0.4})"),
       R::bad_value, "devices[0].method_shares"},
      {"method_shares_empty", topic(D), shares("{}"), R::bad_value, "devices[0].method_shares"},
      {"method_shares_without_the_method", topic(D), shares(R"({"sm_active":0.5,"busy_time":0.5})"),
       R::bad_value, "devices[0].method_shares"},
      {"method_shares_with_method_none", topic(D),
       with(D, "/devices/1/method_shares", R"({"busy_time":1})"), R::bad_value,
       "devices[1].method_shares"},
      {"activity_over_one", topic(D), with(D, "/devices/0/activity_mean", "1.01"), R::bad_value,
       "devices[0].activity_mean"},
      {"activity_negative", topic(D), with(D, "/devices/0/activity_max", "-0.1"), R::bad_value,
       "devices[0].activity_max"},
      {"activity_with_method_none", topic(D), with(D, "/devices/1/activity_mean", "0.5"),
       R::bad_value, "devices[1].activity_mean"},
      {"power_negative", topic(D), with(D, "/devices/0/power_w", "-5"), R::bad_value,
       "devices[0].power_w"},
      {"temperature_infinite", topic(D), with(D, "/devices/0/temperature_c", "-1e999"),
       R::invalid_json, ""},
      {"temperature_over_double", topic(D), with(D, "/devices/0/temperature_c", "1e309"),
       R::invalid_json, ""},
      {"health_reason_too_long", topic(D),
       with(D, "/devices/1/health_reason", quoted(repeat("r", 65))), R::bad_value,
       "devices[1].health_reason"},
      {"window_device_duplicate", topic(D), with(D, "/devices/1/id", "\"gpu0\""), R::duplicate_id,
       "devices[1].id"},
      {"achieved_unknown_key", topic(D), with(D, "/devices/0/achieved_tflops/fp128", "1"),
       R::bad_value, "devices[0].achieved_tflops.fp128"},
      {"healthy_over_devices", topic(D), with(D, "/totals/healthy_devices", "3"), R::bad_value,
       "totals.healthy_devices"},
      {"live_missing", topic(D), without(D, "/totals/live_tflops"), R::missing_field,
       "totals.live_tflops"},
      {"live_negative", topic(D), with(D, "/totals/live_tflops/fp16", "-0.5"), R::bad_value,
       "totals.live_tflops.fp16"},
      {"dropped_negative", topic(D), with(D, "/dropped_total", "-1"), R::wrong_type,
       "dropped_total"},
      {"spool_depth_missing", topic(D), without(D, "/spool/depth"), R::missing_field,
       "spool.depth"},
      {"latency_negative", topic(D), with(D, "/publish_latency_ms", "-1"), R::bad_value,
       "publish_latency_ms"},
      {"spool_faults_not_object", topic(D), with(D, "/spool_faults", "[]"), R::wrong_type,
       "spool_faults"},
      {"spool_faults_null", topic(B), with(B, "/spool_faults", "null"), R::wrong_type,
       "spool_faults"},
      {"spool_faults_member_missing", topic(B), without(B, "/spool_faults/truncated_bytes"),
       R::missing_field, "spool_faults.truncated_bytes"},
      {"spool_faults_negative", topic(H), with(H, "/spool_faults/unspooled_windows", "-1"),
       R::wrong_type, "spool_faults.unspooled_windows"},
      {"spool_faults_fraction", topic(D), with(D, "/spool_faults/skipped_bytes", "1.5"),
       R::wrong_type, "spool_faults.skipped_bytes"},
      {"data_devices_over_1024", topic(D), with(D, "/devices", "[" + repeat("{},", 1024) + "{}]"),
       R::too_many_items, "devices"},
      {"hist_bad_device", topic(H), with(H, "/devices/0/sm_clock_mhz", "-1"), R::bad_value,
       "devices[0].sm_clock_mhz"},
      {"hist_kind_data", topic(H), with(H, "/kind", "\"data\""), R::wrong_kind, "kind"},
      // cmd
      {"cmd_unknown", topic(C), with(C, "/cmd", "\"reboot\""), R::unknown_command, "cmd"},
      {"cmd_missing", topic(C), without(C, "/cmd"), R::missing_field, "cmd"},
      {"cmd_number", topic(C), with(C, "/cmd", "1"), R::wrong_type, "cmd"},
      {"cmd_seq_string", topic(C), with(C, "/seq", "\"12\""), R::wrong_type, "seq"},
      {"cmd_boot_u64_max", topic(C), with(C, "/boot", "18446744073709551615"), R::bad_value,
       "boot"},
      {"cmd_ts_missing", topic(C), without(C, "/ts_ms"), R::missing_field, "ts_ms"},
  };
}

class WireMalformed : public testing::TestWithParam<Row> {};

TEST_P(WireMalformed, IsRejectedWithReasonAndField) {
  const Row& row = GetParam();
  const auto decoded = decode(row.topic, row.payload);
  ASSERT_FALSE(decoded.ok()) << row.payload.substr(0, 400);
  const DecodeError& e = decoded.error();
  EXPECT_EQ(to_string(e.reason), to_string(row.reason)) << e.message();
  EXPECT_EQ(e.field, row.field) << e.message();
  EXPECT_FALSE(e.detail.empty());
  EXPECT_EQ(e.message(), row.field.empty() ? e.detail : row.field + ": " + e.detail);
}

INSTANTIATE_TEST_SUITE_P(Table, WireMalformed, testing::ValuesIn(rows()),
                         [](const auto& info) { return info.param.name; });

TEST(WireMalformedTable, CoversEveryReason) {
  std::vector<bool> seen(static_cast<std::size_t>(DecodeReason::unknown_command) + 1);
  for (const auto& row : rows())
    seen[static_cast<std::size_t>(row.reason)] = true;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_TRUE(seen[i]) << to_string(static_cast<DecodeReason>(i));
  }
}

// The bounds themselves are accepted.
TEST(WireLimits, BoundaryValuesAreAccepted) {
  const auto ok = [](Kind k, const std::string& payload) {
    const auto decoded = decode(topic(k), payload);
    EXPECT_TRUE(decoded.ok()) << decoded.error().message();
    return decoded;
  };
  ok(Kind::status, with(Kind::status, "/future", repeat("[", 15) + repeat("]", 15)));
  ok(Kind::birth, with(Kind::birth, "/district", quoted(repeat("区", 64))));
  ok(Kind::birth, with(Kind::birth, "/devices/2/id", quoted(repeat("c", 128))));
  ok(Kind::birth, with(Kind::birth, "/devices/1/share", "1"));
  ok(Kind::data, with(Kind::data, "/devices/0/activity_mean", "0"));
  ok(Kind::data, with(Kind::data, "/window/end_ms", "1767229180000"));
  ok(Kind::data, with(Kind::data, "/devices/0/temperature_c", "-40"));
  ok(Kind::status, with(Kind::status, "/ts_ms", "18446744073709551615"));
  ok(Kind::status, with(Kind::status, "/boot", "9007199254740992"));
  ok(Kind::data, with(Kind::data, "/seq", "9007199254740992"));
  EXPECT_EQ(kMaxCounter, 9007199254740992u);
  ok(Kind::data, with(Kind::data, "/devices/0/power_w", "1e300"));
  ok(Kind::data, with(Kind::data, "/devices/0/power_w", "0.0e0"));
  // A backend this build has never heard of (a newer agent's) is a name like any other.
  ok(Kind::birth, with(Kind::birth, "/devices/0/backend", "\"cambricon\""));
  ok(Kind::birth, with(Kind::birth, "/devices/0/backend", "\"pci\""));
}

TEST(WireLimits, ExactlyMaxDevicesIsAccepted) {
  Birth b = test::minimal_birth();
  Data d = test::minimal_data();
  for (std::size_t i = 0; i < kMaxDevices; ++i) {
    Device dev;
    dev.id = "d" + std::to_string(i);
    dev.backend = "sim";
    b.devices.push_back(dev);
    DeviceWindow w;
    w.id = dev.id;
    d.devices.push_back(w);
  }
  const auto birth = decode(topic_of(b), encode(b));
  ASSERT_TRUE(birth.ok()) << birth.error().message();
  EXPECT_EQ(std::get<Birth>(birth.value()).devices.size(), kMaxDevices);
  const auto data = decode(topic_of(d), encode(d));
  ASSERT_TRUE(data.ok()) << data.error().message();
  EXPECT_EQ(std::get<Data>(data.value()).devices.size(), kMaxDevices);
}

TEST(WireLimits, PayloadOfExactlyMaxBytesIsParsed) {
  std::string payload = encode(test::status_sample());
  payload.insert(payload.size() - 1, std::string(kMaxPayloadBytes - payload.size(), ' '));
  ASSERT_EQ(payload.size(), kMaxPayloadBytes);
  EXPECT_TRUE(decode(topic(Kind::status), payload).ok());
}

}  // namespace
}  // namespace suanli::wire
