#include "central/http/prometheus.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace suanli::http {
namespace {

TEST(Prometheus, GoldenExposition) {
  PrometheusWriter w;
  w.family("suanli_installed_pflops", MetricType::gauge, "Installed peak compute, PFLOPS.");
  w.sample({{"center", "szaicc"}, {"class", "intelligent"}, {"precision", "fp16"}}, 120.5);
  w.sample({{"center", "ks"}, {"class", "intelligent"}, {"precision", "fp16"}}, 3.0);
  w.family("suanli_ingest_messages_total", MetricType::counter, "Messages ingested.");
  w.sample({}, std::uint64_t{18446744073709551615u});
  w.family("suanli_up", MetricType::gauge, "1 when up.");
  w.sample({}, 1);
  auto text = std::move(w).finish();
  ASSERT_TRUE(text) << text.error();
  EXPECT_EQ(*text,
            "# HELP suanli_installed_pflops Installed peak compute, PFLOPS.\n"
            "# TYPE suanli_installed_pflops gauge\n"
            "suanli_installed_pflops{center=\"szaicc\",class=\"intelligent\",precision=\"fp16\"} "
            "120.5\n"
            "suanli_installed_pflops{center=\"ks\",class=\"intelligent\",precision=\"fp16\"} 3\n"
            "# HELP suanli_ingest_messages_total Messages ingested.\n"
            "# TYPE suanli_ingest_messages_total counter\n"
            "suanli_ingest_messages_total 18446744073709551615\n"
            "# HELP suanli_up 1 when up.\n"
            "# TYPE suanli_up gauge\n"
            "suanli_up 1\n");
}

TEST(Prometheus, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(escape_label_value(R"(a\b"c)"
                               "\n"
                               "d"),
            R"(a\\b\"c\nd)");
  EXPECT_EQ(escape_label_value("苏州"), "苏州");
  EXPECT_EQ(escape_help("line\\one\nline \"two\""), R"(line\\one\nline "two")");

  PrometheusWriter w;
  w.family("suanli_x", MetricType::gauge, "H\\elp\nmore");
  w.sample({{"district", "quote\"back\\slash\nnl"}}, 1);
  auto text = std::move(w).finish();
  ASSERT_TRUE(text);
  EXPECT_EQ(*text,
            "# HELP suanli_x H\\\\elp\\nmore\n"
            "# TYPE suanli_x gauge\n"
            "suanli_x{district=\"quote\\\"back\\\\slash\\nnl\"} 1\n");
}

TEST(Prometheus, NumberFormatting) {
  EXPECT_EQ(format_value(0.0), "0");
  EXPECT_EQ(format_value(-2.0), "-2");
  EXPECT_EQ(format_value(0.1), "0.1");
  EXPECT_EQ(format_value(1e21), "1e+21");
  EXPECT_EQ(format_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_value(std::int64_t{-9007199254740993}), "-9007199254740993");
  EXPECT_EQ(format_value(std::uint64_t{9007199254740993u}), "9007199254740993");
  for (double v : {1.0 / 3.0, 123456.789e-7, 2.2250738585072014e-308, 1.7976931348623157e308}) {
    EXPECT_EQ(std::stod(format_value(v)), v) << format_value(v);
  }
}

TEST(Prometheus, NameValidation) {
  EXPECT_TRUE(valid_metric_name("suanli_live_pflops"));
  EXPECT_TRUE(valid_metric_name("job:rule_x:rate5m"));
  EXPECT_FALSE(valid_metric_name(""));
  EXPECT_FALSE(valid_metric_name("1abc"));
  EXPECT_FALSE(valid_metric_name("suanli-live"));
  EXPECT_FALSE(valid_metric_name("suanli live"));
  EXPECT_TRUE(valid_label_name("precision"));
  EXPECT_FALSE(valid_label_name("a:b"));
  EXPECT_FALSE(valid_label_name("__name__"));
  EXPECT_FALSE(valid_label_name("9x"));
}

TEST(Prometheus, InvalidNamesAreReported) {
  {
    PrometheusWriter w;
    w.family("bad-name", MetricType::gauge, "x");
    w.sample({}, 1);
    auto text = std::move(w).finish();
    ASSERT_FALSE(text);
    EXPECT_NE(text.error().find("bad-name"), std::string::npos);
  }
  {
    PrometheusWriter w;
    w.family("suanli_ok", MetricType::gauge, "x");
    w.sample({{"bad label", "v"}}, 1);
    auto text = std::move(w).finish();
    ASSERT_FALSE(text);
    EXPECT_NE(text.error().find("bad label"), std::string::npos);
  }
  {
    PrometheusWriter w;
    w.family("suanli_twice", MetricType::gauge, "x");
    w.family("suanli_twice", MetricType::gauge, "x");
    EXPECT_FALSE(std::move(w).finish());
  }
}

TEST(Prometheus, ContentType) {
  EXPECT_EQ(kPrometheusContentType, "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace
}  // namespace suanli::http
