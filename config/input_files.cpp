#include "config/input_files.hpp"

#include <nlohmann/json.hpp>

#include "config/config_file.hpp"

namespace suanli::config {

std::vector<std::string> unreadable_input_files(const nlohmann::json& doc,
                                                std::span<const KeyRule> rules) {
  std::vector<std::string> problems;
  for (const KeyRule& rule : rules) {
    if (!rule.input_file) continue;
    for (const Match& m : find_all(doc, rule.path)) {
      if (!m.value->is_string()) continue;  // validate() reports it
      auto read = read_text_file(m.value->get<std::string>());
      if (read) continue;
      for (const std::string& p : read.error())
        problems.push_back(std::string(rule.path) + ": " + p);
    }
  }
  return problems;
}

}  // namespace suanli::config
