#include "tests/dashboard/page_headline.hpp"

#include <cstdlib>

namespace suanli::test {
namespace {

std::optional<std::string> attribute_value(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  auto start = tag.find(key);
  if (start == std::string::npos) return std::nullopt;
  start += key.size();
  auto end = tag.find('"', start);
  if (end == std::string::npos) return std::nullopt;
  return tag.substr(start, end - start);
}

}  // namespace

std::optional<PageHeadline> find_headline(const std::string& dom, const std::string& element_id) {
  const auto id_at = dom.find(" id=\"" + element_id + "\"");
  if (id_at == std::string::npos) return std::nullopt;
  const auto tag_start = dom.rfind('<', id_at);
  const auto tag_end = dom.find('>', id_at);
  if (tag_start == std::string::npos || tag_end == std::string::npos) return std::nullopt;
  const std::string tag = dom.substr(tag_start, tag_end - tag_start);
  const auto text_end = dom.find('<', tag_end);
  return PageHeadline{
      attribute_value(tag, "data-pflops"),
      dom.substr(tag_end + 1,
                 text_end == std::string::npos ? std::string::npos : text_end - tag_end - 1)};
}

std::optional<double> parse_shown_number(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c != ',') digits += c;
  }
  if (digits.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size()) return std::nullopt;
  return value;
}

}  // namespace suanli::test
