// Each bad config gives exactly the expected problem lines; good ones bind to the right values.
#include <gtest/gtest.h>

#include "collectors/registry.hpp"
#include "config/agent_config.hpp"
#include "config/central_config.hpp"

namespace suanli::config {
namespace {

struct BadCase {
  const char* name;
  const char* json;
  std::vector<std::string> problems;
};

std::ostream& operator<<(std::ostream& os, const BadCase& c) {
  return os << c.name;
}

class ConfigAgentBad : public testing::TestWithParam<BadCase> {};

TEST_P(ConfigAgentBad, NamesTheKeyAndTheProblem) {
  auto cfg =
      load_agent_config(GetParam().json, "agent.json", Mode::service, collectors::backend_specs());
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.error(), GetParam().problems);
}

constexpr const char* kCenter = R"("center": "sz-aicc", )";

std::string with_center(const std::string& rest) {
  return "{" + std::string(kCenter) + rest + "}";
}

const std::string kQos5 = with_center(R"("mqtt": {"qos": 5})");
const std::string kQosString = with_center(R"("mqtt": {"qos": "1"})");
const std::string kQosFloat = with_center(R"("mqtt": {"qos": 1.0})");
const std::string kVersion4 = with_center(R"("mqtt": {"version": 4})");
const std::string kMisspelt = with_center(R"("mqtt": {"qso": 1})");
const std::string kUnknownTop = with_center(R"("colour": "red")");
const std::string kSampleLow = with_center(R"("sample_interval_ms": 5)");
const std::string kPublishBelowSample =
    with_center(R"("sample_interval_ms": 5000, "publish_interval_ms": 2000)");
const std::string kBadUri = with_center(R"("mqtt": {"uri": "tcp://broker:1883"})");
const std::string kBadPort = with_center(R"("mqtt": {"uri": "mqtt://broker:70000"})");
const std::string kMqttNotObject = with_center(R"("mqtt": "mqtt://broker:1883")");
const std::string kTristate = with_center(R"("collectors": {"nvml": {"enabled": "yes"}})");
const std::string kSimNoModel =
    with_center(R"("collectors": {"sim": {"enabled": true, "devices": [{"count": 2}]}})");
const std::string kSimCountZero =
    with_center(R"("collectors": {"sim": {"devices": [{"model": "H100 SXM5 80GB", "count": 0}]}})");
const std::string kSimNotArray =
    with_center(R"("collectors": {"sim": {"devices": {"model": "H100 SXM5 80GB"}}})");
const std::string kSimOnEmpty = with_center(R"("collectors": {"sim": {"enabled": true}})");
const std::string kOverrideUnknownPrecision =
    with_center(R"("catalog": {"overrides": {"10de:2330": {"fp12": 1}}})");
// A hundred thousand nested arrays: the parser must never see them (it would recurse).
const std::string kTooDeep = std::string(100000, '[') + std::string(100000, ']');
const std::string kOverrideNegative =
    with_center(R"("catalog": {"overrides": {"10de:2330": {"fp16": -1}}})");
const std::string kOverrideNotObject =
    with_center(R"("catalog": {"overrides": {"10de:2330": 989.4}})");
const std::string kCertWithoutKey = with_center(R"("mqtt": {"tls": {"cert_file": "c.pem"}})");
const std::string kBackoff =
    with_center(R"("mqtt": {"reconnect_min_ms": 5000, "reconnect_max_ms": 1000})");
const std::string kTokenWithoutUrl = with_center(R"("http": {"token_file": "/etc/t"})");
const std::string kBadUrl = with_center(R"("http": {"url": "ftp://central"})");
const std::string kEmptyPath = with_center(R"("state_dir": "")");
const std::string kTwoProblems = with_center(R"("mqtt": {"qos": 2, "version": 4})");

INSTANTIATE_TEST_SUITE_P(
    Cases, ConfigAgentBad,
    testing::Values(
        BadCase{"qos_out_of_set", kQos5.c_str(), {"mqtt.qos: expected 0 or 1, got 5"}},
        BadCase{"qos_string", kQosString.c_str(), {R"(mqtt.qos: expected an integer, got "1")"}},
        BadCase{"qos_float", kQosFloat.c_str(), {"mqtt.qos: expected an integer, got 1.0"}},
        BadCase{"version_4", kVersion4.c_str(), {"mqtt.version: expected 3 or 5, got 4"}},
        BadCase{
            "misspelt_key", kMisspelt.c_str(), {"mqtt.qso: unknown key (did you mean mqtt.qos?)"}},
        BadCase{"unknown_top_key", kUnknownTop.c_str(), {"colour: unknown key"}},
        BadCase{"center_missing", "{}", {"center: required"}},
        BadCase{
            "center_bad_id",
            R"({"center": "Suzhou AI"})",
            {R"(center: expected an id matching ^[a-z0-9][a-z0-9._-]{0,62}$, got "Suzhou AI")"}},
        BadCase{"center_number", R"({"center": 7})", {"center: expected a string, got 7"}},
        BadCase{
            "node_too_long",
            R"({"center": "a", "node": "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"})",
            {"node: expected an id matching ^[a-z0-9][a-z0-9._-]{0,62}$, got "
             "\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn..."}},
        BadCase{"sample_too_small",
                kSampleLow.c_str(),
                {"sample_interval_ms: expected an integer from 100 to 3600000, got 5"}},
        BadCase{"publish_below_sample",
                kPublishBelowSample.c_str(),
                {"publish_interval_ms: must be >= sample_interval_ms (5000), got 2000"}},
        BadCase{
            "uri_scheme",
            kBadUri.c_str(),
            {R"(mqtt.uri: expected mqtt://host:port or mqtts://host:port, got "tcp://broker:1883")"}},
        BadCase{
            "uri_port",
            kBadPort.c_str(),
            {R"(mqtt.uri: expected mqtt://host:port or mqtts://host:port, got "mqtt://broker:70000")"}},
        BadCase{"mqtt_not_object",
                kMqttNotObject.c_str(),
                {R"(mqtt: expected an object, got "mqtt://broker:1883")"}},
        BadCase{"tristate",
                kTristate.c_str(),
                {R"(collectors.nvml.enabled: expected "auto", true or false, got "yes")"}},
        BadCase{"sim_device_without_model",
                kSimNoModel.c_str(),
                {"collectors.sim.devices[0].model: required"}},
        BadCase{"sim_count_zero",
                kSimCountZero.c_str(),
                {"collectors.sim.devices[0].count: expected an integer from 1 to 1024, got 0"}},
        BadCase{"sim_devices_not_array",
                kSimNotArray.c_str(),
                {R"(collectors.sim.devices: expected an array, got {"model":"H100 SXM5 80GB"})"}},
        BadCase{"sim_on_without_devices",
                kSimOnEmpty.c_str(),
                {"collectors.sim.devices: must list at least one device when "
                 "collectors.sim.enabled is true"}},
        BadCase{"override_unknown_precision",
                kOverrideUnknownPrecision.c_str(),
                {"catalog.overrides.10de:2330: unknown precision \"fp12\" (expected fp64, "
                 "fp64_tensor, fp32, tf32, fp16, bf16, fp8 or int8)"}},
        BadCase{"override_negative",
                kOverrideNegative.c_str(),
                {"catalog.overrides.10de:2330: fp16: expected a number >= 0 (TFLOPS), got -1"}},
        BadCase{
            "override_not_object",
            kOverrideNotObject.c_str(),
            {"catalog.overrides.10de:2330: expected an object of precision: TFLOPS, got 989.4"}},
        BadCase{"cert_without_key",
                kCertWithoutKey.c_str(),
                {"mqtt.tls.key_file: required when the other of mqtt.tls.cert_file and key_file "
                 "is set"}},
        BadCase{"backoff_inverted",
                kBackoff.c_str(),
                {"mqtt.reconnect_max_ms: must be >= mqtt.reconnect_min_ms (5000), got 1000"}},
        BadCase{"token_without_url",
                kTokenWithoutUrl.c_str(),
                {"http.token_file: set without http.url"}},
        BadCase{"bad_url",
                kBadUrl.c_str(),
                {R"(http.url: expected an http:// or https:// URL, got "ftp://central")"}},
        BadCase{"empty_path",
                kEmptyPath.c_str(),
                {R"(state_dir: expected a non-empty string, got "")"}},
        BadCase{"two_problems_two_lines",
                kTwoProblems.c_str(),
                {"mqtt.qos: expected 0 or 1, got 2", "mqtt.version: expected 3 or 5, got 4"}},
        BadCase{"top_level_array", "[1, 2]", {"(top level): expected a JSON object, got [1,2]"}},
        BadCase{"invalid_json",
                "{\n  \"center\": \"a\",\n  \"mqtt\": {\"qos\": 1,}\n}",
                {"agent.json:3:21: invalid JSON: syntax error while parsing object key - "
                 "unexpected '}'; expected string literal"}},
        BadCase{"number_overflow",
                R"({"center": "a", "sample_interval_ms": 1e400})",
                {"agent.json: invalid JSON: number overflow parsing '1e400'"}},
        BadCase{"repeated_key",
                R"({"center": "a", "mqtt": {"qos": 1, "qos": 0}})",
                {R"(agent.json: invalid JSON: key "qos" is repeated in one object)"}},
        BadCase{"too_deep",
                kTooDeep.c_str(),
                {"agent.json: invalid JSON: nesting is deeper than 64 levels"}},
        BadCase{"empty_file",
                "",
                {"agent.json:1:1: invalid JSON: syntax error while parsing "
                 "value - unexpected end of input; expected '[', '{', or a "
                 "literal"}}),
    [](const testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

TEST(ConfigAgent, ToolModeNeedsNoCenter) {
  auto cfg = load_agent_config("{}", "(defaults)", Mode::tool, collectors::backend_specs());
  ASSERT_TRUE(cfg.ok());
  EXPECT_FALSE(cfg->center.has_value());
}

TEST(ConfigAgent, DefaultsComeFromTheTable) {
  auto cfg = load_agent_config(R"({"center": "sz-aicc"})", "a.json", Mode::service,
                               collectors::backend_specs());
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(cfg->sample_interval_ms, 1000);
  EXPECT_EQ(cfg->publish_interval_ms, 10000);
  EXPECT_EQ(cfg->mqtt.uri, "mqtt://127.0.0.1:1883");
  EXPECT_EQ(cfg->mqtt.qos, 1);
  EXPECT_EQ(cfg->mqtt.version, 5);
  EXPECT_EQ(cfg->spool_max_bytes, 64u * 1024 * 1024);
  EXPECT_EQ(cfg->call_timeout_ms, 2000);
  EXPECT_EQ(cfg->collectors.at("nvml").enabled, Enablement::automatic);
  EXPECT_EQ(cfg->collectors.at("sim").enabled, Enablement::off);
  EXPECT_EQ(cfg->state_dir, "/var/lib/suanli-agent");
  EXPECT_FALSE(cfg->node.empty());
  EXPECT_FALSE(cfg->mqtt.username.has_value());
  EXPECT_EQ(cfg->mqtt.reconnect_max_ms, 60000);
  EXPECT_EQ(cfg->mqtt.session_expiry_s, 0u) << "the agent's session is clean: it has a spool";
}

TEST(ConfigAgent, BindsNestedArraysAndMaps) {
  auto cfg = load_agent_config(R"({
    "center": "ks-aicc", "node": "n1", "district": "昆山市",
    "mqtt": {"uri": "mqtts://10.0.0.1:8883", "version": 3, "qos": 0,
             "tls": {"ca_file": "ca.pem", "cert_file": "c.pem", "key_file": "k.pem"}},
    "collectors": {"nvml": {"enabled": false, "library": "/opt/libnvidia-ml.so.1"},
                   "sim": {"enabled": true, "seed": 42,
                           "devices": [{"model": "H100 SXM5 80GB", "count": 8},
                                       {"model": "NVIDIA H20"}]}},
    "catalog": {"overrides": {"10de:2339": {"fp16": 989.4, "fp32": 66.9}}}
  })",
                               "a.json", Mode::service, collectors::backend_specs());
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(*cfg->center, "ks-aicc");
  EXPECT_EQ(cfg->node, "n1");
  EXPECT_EQ(*cfg->district, "昆山市");
  EXPECT_EQ(cfg->mqtt.version, 3);
  EXPECT_EQ(cfg->mqtt.qos, 0);
  EXPECT_EQ(*cfg->mqtt.key_file, "k.pem");
  EXPECT_EQ(cfg->collectors.at("nvml").enabled, Enablement::off);
  EXPECT_EQ(*cfg->collectors.at("nvml").library, "/opt/libnvidia-ml.so.1");
  EXPECT_EQ(cfg->collectors.at("sim").enabled, Enablement::on);
  EXPECT_EQ(cfg->sim.seed, 42u);
  ASSERT_EQ(cfg->sim.devices.size(), 2u);
  EXPECT_EQ(cfg->sim.devices[0].model, "H100 SXM5 80GB");
  EXPECT_EQ(cfg->sim.devices[0].count, 8);
  EXPECT_EQ(cfg->sim.devices[1].model, "NVIDIA H20");
  EXPECT_EQ(cfg->sim.devices[1].count, 1);  // default inside an array element
  const PrecisionMap& peaks = cfg->catalog_overrides.at("10de:2339");
  EXPECT_DOUBLE_EQ(*peaks[Precision::fp16], 989.4);
  EXPECT_DOUBLE_EQ(*peaks[Precision::fp32], 66.9);
  EXPECT_FALSE(peaks[Precision::fp64].has_value());
}

TEST(ConfigCentral, DefaultsAndCenters) {
  auto cfg = load_central_config(R"({"centers": {"sz-scc": {"name": "苏州超级计算中心",
                                      "class": "supercomputing"}, "ks-aicc": {"name": "昆山智算中心"}}})",
                                 "c.json", Mode::service);
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(cfg->http_listen, "127.0.0.1:8080");
  EXPECT_DOUBLE_EQ(cfg->target_pflops, 20000);
  EXPECT_EQ(cfg->target_year, 2027);
  EXPECT_EQ(cfg->city_name, "苏州市");
  EXPECT_EQ(cfg->city_name_en, "Suzhou");
  EXPECT_EQ(cfg->stale_after_intervals, 3);
  EXPECT_EQ(cfg->retire_after_s, 604800);
  EXPECT_EQ(cfg->headline_class, ComputeClass::intelligent);
  EXPECT_EQ(cfg->headline_precision, Precision::fp16);
  EXPECT_EQ(cfg->centers.at("sz-scc").compute_class, ComputeClass::supercomputing);
  EXPECT_EQ(cfg->centers.at("ks-aicc").compute_class, ComputeClass::intelligent);
  EXPECT_EQ(cfg->centers.at("ks-aicc").name, "昆山智算中心");
  // A persistent session kept a day, and reconnects that never lag the agents'.
  EXPECT_EQ(cfg->mqtt.session_expiry_s, 86400u);
  EXPECT_EQ(cfg->mqtt.reconnect_max_ms, 1000);
}

TEST(ConfigCentral, CityName) {
  auto cfg = load_central_config(R"({"city": {"name": "无锡市", "name_en": "Wuxi"}})", "c.json",
                                 Mode::service);
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(cfg->city_name, "无锡市");
  EXPECT_EQ(cfg->city_name_en, "Wuxi");
  auto empty = load_central_config(R"({"city": {"name": ""}})", "c.json", Mode::service);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().front().find("city.name"), std::string::npos) << empty.error().front();
}

TEST(ConfigCentral, SessionExpiry) {
  auto clean = load_central_config(R"({"mqtt": {"session_expiry_s": 0}})", "c.json", Mode::service);
  ASSERT_TRUE(clean.ok()) << clean.error().front();
  EXPECT_EQ(clean->mqtt.session_expiry_s, 0u);
  auto never =
      load_central_config(R"({"mqtt": {"session_expiry_s": 4294967295}})", "c.json", Mode::service);
  ASSERT_TRUE(never.ok()) << never.error().front();
  EXPECT_EQ(never->mqtt.session_expiry_s, 4294967295u);
  auto beyond =
      load_central_config(R"({"mqtt": {"session_expiry_s": 4294967296}})", "c.json", Mode::service);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error(),
            std::vector<std::string>{"mqtt.session_expiry_s: expected an integer from 0 to "
                                     "4294967295, got 4294967296"});
}

TEST(ConfigCentral, BadValuesNameTheirKeys) {
  auto cfg = load_central_config(R"({
    "centers": {"Bad Id": {"name": "x"}, "ok": {"district": "d"}, "_central": {"name": "y"}},
    "headline": {"precision": "fp12"},
    "target": {"pflops": -5},
    "mqtt": {"shared_group": "centrals"},
    "http": {"listen": "8080"}
  })",
                                 "c.json", Mode::service);
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(
      cfg.error(),
      (std::vector<std::string>{
          R"(centers.Bad Id: bad name, expected an id matching ^[a-z0-9][a-z0-9._-]{0,62}$)",
          R"(centers._central: bad name, expected an id matching ^[a-z0-9][a-z0-9._-]{0,62}$)",
          R"(headline.precision: expected one of "fp64", "fp64_tensor", "fp32", "tf32", "fp16", "bf16", "fp8" or "int8", got "fp12")",
          R"(http.listen: expected host:port (e.g. 127.0.0.1:8080), got "8080")",
          "mqtt.shared_group: unknown key",
          "target.pflops: expected a number from 0.001 to 1000000000, got -5",
          "centers.ok.name: required",
      }));
}

TEST(ConfigCentral, AdmissionAndSummaryLimits) {
  auto defaults = load_central_config("{}", "c.json", Mode::service);
  ASSERT_TRUE(defaults.ok()) << defaults.error().front();
  EXPECT_FALSE(defaults->known_centers_only);
  EXPECT_EQ(defaults->new_centers_per_minute, 10);
  EXPECT_EQ(defaults->new_nodes_per_minute, 1000);
  EXPECT_EQ(defaults->summary_max_centers, 100);
  auto set = load_central_config(R"({"admission": {"known_centers_only": true,
      "new_centers_per_minute": 2, "new_nodes_per_minute": 50}, "summary": {"max_centers": 7}})",
                                 "c.json", Mode::service);
  ASSERT_TRUE(set.ok()) << set.error().front();
  EXPECT_TRUE(set->known_centers_only);
  EXPECT_EQ(set->new_centers_per_minute, 2);
  EXPECT_EQ(set->new_nodes_per_minute, 50);
  EXPECT_EQ(set->summary_max_centers, 7);
  auto bad = load_central_config(R"({"admission": {"known_centers_only": "yes",
      "new_nodes_per_minute": 0}, "summary": {"max_centers": -1}})",
                                 "c.json", Mode::service);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(),
            (std::vector<std::string>{
                R"(admission.known_centers_only: expected true or false, got "yes")",
                "admission.new_nodes_per_minute: expected an integer from 1 to 1000000, got 0",
                "summary.max_centers: expected an integer from 1 to 100000, got -1",
            }));
}

TEST(ConfigCentral, HttpsAndIngestTokensFiles) {
  auto cfg = load_central_config(R"({"http": {"ingest_tokens_file": "/etc/suanli/tokens.json",
      "tls": {"cert_file": "/etc/suanli/central.crt", "key_file": "/etc/suanli/central.key"}}})",
                                 "c.json", Mode::service);
  ASSERT_TRUE(cfg.ok()) << cfg.error().front();
  EXPECT_EQ(cfg->ingest_tokens_file, "/etc/suanli/tokens.json");
  EXPECT_EQ(cfg->http_tls_cert_file, "/etc/suanli/central.crt");
  EXPECT_EQ(cfg->http_tls_key_file, "/etc/suanli/central.key");
}

TEST(ConfigCentral, HttpsNeedsBothFiles) {
  auto cert_only = load_central_config(R"({"http": {"tls": {"cert_file": "/etc/c.crt"}}})",
                                       "c.json", Mode::service);
  ASSERT_FALSE(cert_only.ok());
  EXPECT_EQ(cert_only.error(),
            std::vector<std::string>{"http.tls.key_file: required when the other of "
                                     "http.tls.cert_file and key_file is set"});
  auto key_only = load_central_config(R"({"http": {"tls": {"key_file": "/etc/c.key"}}})", "c.json",
                                      Mode::service);
  ASSERT_FALSE(key_only.ok());
  EXPECT_EQ(key_only.error(),
            std::vector<std::string>{"http.tls.cert_file: required when the other of "
                                     "http.tls.cert_file and key_file is set"});
  auto old_key =
      load_central_config(R"({"http": {"ingest_token_file": "/etc/t"}})", "c.json", Mode::service);
  ASSERT_FALSE(old_key.ok());
  EXPECT_EQ(old_key.error().front().rfind("http.ingest_token_file: unknown key", 0), 0u)
      << old_key.error().front();
}

}  // namespace
}  // namespace suanli::config
