#include "central/http/prometheus.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace suanli::http {
namespace {

bool is_name_char(char c, bool first, bool colon_allowed) {
  bool alpha =
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_allowed && c == ':');
  return alpha || (!first && c >= '0' && c <= '9');
}

bool valid_name(std::string_view name, bool colon_allowed) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!is_name_char(name[i], i == 0, colon_allowed)) return false;
  }
  return true;
}

std::string escape(std::string_view s, bool quotes) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quotes) {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

bool valid_metric_name(std::string_view name) {
  return valid_name(name, true);
}

bool valid_label_name(std::string_view name) {
  return valid_name(name, false) && !name.starts_with("__");
}

std::string escape_label_value(std::string_view value) {
  return escape(value, true);
}

std::string escape_help(std::string_view help) {
  return escape(help, false);
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
}

void PrometheusWriter::family(std::string_view name, MetricType type, std::string_view help) {
  family_.clear();
  if (!valid_metric_name(name)) return fail("invalid metric name \"" + std::string(name) + "\"");
  if (std::find(families_seen_.begin(), families_seen_.end(), name) != families_seen_.end()) {
    return fail("metric family \"" + std::string(name) + "\" written twice");
  }
  family_ = name;
  families_seen_.push_back(family_);
  out_ += "# HELP " + family_ + " " + escape_help(help) + "\n";
  out_ += "# TYPE " + family_ + (type == MetricType::gauge ? " gauge\n" : " counter\n");
}

void PrometheusWriter::write_sample(const Labels& labels, const std::string& value) {
  if (family_.empty()) return fail("a sample outside a valid metric family");
  std::string line = family_;
  if (!labels.empty()) {
    line += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const auto& [name, label_value] = labels[i];
      if (!valid_label_name(name)) {
        return fail("invalid label name \"" + name + "\" in " + family_);
      }
      if (i > 0) line += ',';
      line += name + "=\"" + escape_label_value(label_value) + "\"";
    }
    line += '}';
  }
  out_ += line + " " + value + "\n";
}

void PrometheusWriter::fail(std::string error) {
  if (error_.empty()) error_ = std::move(error);
}

Expected<std::string> PrometheusWriter::finish() && {
  if (!error_.empty()) return Expected<std::string>::failure(error_);
  return std::move(out_);
}

}  // namespace suanli::http
