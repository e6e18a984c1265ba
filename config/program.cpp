#include "config/program.hpp"

#include <iostream>

#include "config/config_file.hpp"
#include "config/input_files.hpp"

namespace suanli {

int report_problems(const std::vector<std::string>& problems) {
  for (const auto& p : problems)
    std::cerr << p << '\n';
  return kExitUsage;
}

int report_config_ok(const std::string& path, std::span<const config::KeyRule> rules,
                     const std::function<std::vector<std::string>()>& more_checks) {
  auto doc = config::read_json_file(path);
  if (!doc) return report_problems(doc.error());
  if (auto unreadable = config::unreadable_input_files(*doc, rules); !unreadable.empty())
    return report_problems(unreadable);
  if (more_checks) {
    if (auto problems = more_checks(); !problems.empty()) return report_problems(problems);
  }
  std::cout << config::with_defaults(*doc, rules).dump(2) << '\n';
  std::cerr << path << ": ok\n";
  return kExitOk;
}

}  // namespace suanli
