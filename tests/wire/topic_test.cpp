#include "uplink/wire/topic.hpp"

#include <gtest/gtest.h>

namespace suanli::wire {
namespace {

TEST(WireTopic, BuildsAndParsesEveryKind) {
  for (const Kind k : {Kind::status, Kind::birth, Kind::data, Kind::hist, Kind::cmd}) {
    const std::string t = make_topic("sz-aicc", "gpu-a01", k);
    EXPECT_EQ(t, "suanli/v1/sz-aicc/gpu-a01/" + std::string(to_string(k)));
    const auto parsed = parse_topic(t);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    EXPECT_EQ(parsed.value(), (Topic{"sz-aicc", "gpu-a01", k}));
  }
}

TEST(WireTopic, RejectsAnythingElse) {
  const char* bad[] = {
      "",
      "suanli/v1",
      "suanli/v1/",
      "suanli/v2/sz-aicc/gpu-a01/data",
      "Suanli/v1/sz-aicc/gpu-a01/data",
      "suanli/v1/sz-aicc/gpu-a01",
      "suanli/v1/sz-aicc/gpu-a01/",
      "suanli/v1/sz-aicc/gpu-a01/data/",
      "suanli/v1/sz-aicc/gpu-a01/data/extra",
      "suanli/v1/sz-aicc//data",
      "suanli/v1//gpu-a01/data",
      "suanli/v1/SZ-AICC/gpu-a01/data",
      "suanli/v1/sz-aicc/gpu a01/data",
      "suanli/v1/-sz/gpu-a01/data",
      "suanli/v1/sz-aicc/gpu-a01/DATA",
      "suanli/v1/sz-aicc/gpu-a01/state",
      "suanli/v1/+/+/+",
      "suanli/v1/sz-aicc/#",
      "suanli/v1/_central/c1/state",
      "suanli/v1/_city/indicator",
      "suanli/v1/_sz/gpu-a01/data",
      "/suanli/v1/sz-aicc/gpu-a01/data",
  };
  for (const char* t : bad) {
    const auto parsed = parse_topic(t);
    ASSERT_FALSE(parsed.ok()) << t;
    EXPECT_EQ(parsed.error().reason, DecodeReason::bad_topic) << t;
    EXPECT_EQ(parsed.error().field, "") << t;
  }
  const std::string long_id(64, 'a');
  EXPECT_FALSE(parse_topic("suanli/v1/" + long_id + "/n/data").ok());
  EXPECT_TRUE(parse_topic("suanli/v1/" + long_id.substr(1) + "/n/data").ok());
}

TEST(WireTopic, ReservedTopicsAndRetention) {
  EXPECT_EQ(central_state_topic("central-1"), "suanli/v1/_central/central-1/state");
  EXPECT_TRUE(is_reserved_topic(central_state_topic("central-1")));
  EXPECT_TRUE(is_reserved_topic(kCityIndicatorTopic));
  EXPECT_FALSE(is_reserved_topic("suanli/v1/sz-aicc/gpu-a01/data"));
  EXPECT_TRUE(is_retained(Kind::status));
  EXPECT_TRUE(is_retained(Kind::birth));
  EXPECT_FALSE(is_retained(Kind::data));
  EXPECT_FALSE(is_retained(Kind::hist));
  EXPECT_FALSE(is_retained(Kind::cmd));
}

TEST(WireTopic, KindNames) {
  EXPECT_EQ(parse_kind("hist"), Kind::hist);
  EXPECT_FALSE(parse_kind("Hist"));
  EXPECT_EQ(to_string(DeviceClass::cpu), "cpu");
  EXPECT_EQ(to_string(PeakSource::derived), "derived");
  EXPECT_EQ(to_string(Method::gpm_tensor), "gpm_tensor");
  EXPECT_EQ(to_string(Command::rebirth), "rebirth");
}

}  // namespace
}  // namespace suanli::wire
