#include "config/program.hpp"

#include <iostream>

#include "config/config_file.hpp"

namespace suanli {

int report_problems(const std::vector<std::string>& problems) {
  for (const auto& p : problems)
    std::cerr << p << '\n';
  return kExitUsage;
}

int report_config_ok(const std::string& path, std::span<const config::KeyRule> rules) {
  auto doc = config::read_json_file(path);
  if (!doc) return report_problems(doc.error());
  std::cout << config::with_defaults(*doc, rules).dump(2) << '\n';
  std::cerr << path << ": ok\n";
  return kExitOk;
}

}  // namespace suanli
