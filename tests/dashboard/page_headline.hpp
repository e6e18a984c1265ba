#pragma once

// Reads the dashboard's headline element out of a DOM dump.

#include <optional>
#include <string>

namespace suanli::test {

struct PageHeadline {
  std::optional<std::string> data_pflops;  // the exact number the page got from the API
  std::string text;                        // what the page shows
};

// The element whose id is `element_id`: its data-pflops attribute and its text up to its first
// child tag. nullopt when the DOM has no such element.
std::optional<PageHeadline> find_headline(const std::string& dom, const std::string& element_id);

// "12,345.6" -> 12345.6; nullopt for text that is not a number.
std::optional<double> parse_shown_number(const std::string& text);

}  // namespace suanli::test
