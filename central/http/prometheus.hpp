#pragma once

// Prometheus text exposition format 0.0.4: families with # HELP and # TYPE, samples with labels.
//
//   PrometheusWriter w;
//   w.family("suanli_installed_pflops", MetricType::gauge, "Installed peak, PFLOPS.");
//   w.sample({{"center", "szaicc"}, {"precision", "fp16"}}, 120.5);
//   auto text = w.finish();  // an error when a name was invalid
//
// Names are checked; a bad one is reported by finish() and its family or sample left out.

#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/expected.hpp"

namespace suanli::http {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { gauge, counter };

using Labels = std::vector<std::pair<std::string, std::string>>;

bool valid_metric_name(std::string_view name);
bool valid_label_name(std::string_view name);

// Label values: backslash, double quote and newline escaped.
std::string escape_label_value(std::string_view value);
// HELP text: backslash and newline escaped.
std::string escape_help(std::string_view help);
// Integers exactly; other values in the shortest form that reads back to the same double;
// NaN, +Inf, -Inf.
std::string format_value(double value);
template <std::integral I>
std::string format_value(I value) {
  return std::to_string(value);
}

class PrometheusWriter {
 public:
  // Starts a family; the following samples belong to it.
  void family(std::string_view name, MetricType type, std::string_view help);
  void sample(const Labels& labels, double value) { write_sample(labels, format_value(value)); }
  template <std::integral I>
  void sample(const Labels& labels, I value) {
    write_sample(labels, format_value(value));
  }

  // The text, or the first naming error.
  Expected<std::string> finish() &&;

 private:
  void write_sample(const Labels& labels, const std::string& value);
  void fail(std::string error);

  std::string out_;
  std::string family_;  // empty when no valid family is open
  std::vector<std::string> families_seen_;
  std::string error_;
};

}  // namespace suanli::http
