#pragma once

// The example configs name files under /etc/suanli/ (a password, a CA, ingest tokens) that the
// programs read at start, and so --check-config reads them too: tests check a copy of an example
// whose files live in a temp dir.

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "tests/support/process.hpp"

namespace suanli::test {

inline constexpr const char* kExampleFileDir = "/etc/suanli/";

// Copies the example config at `example` into `dir`, with each file it names under
// /etc/suanli/ moved to `dir` and written there (its content from `contents` by file name, or a
// line of text); returns the copy's path.
inline std::string example_with_files(const TempDir& dir, const std::string& example,
                                      const std::map<std::string, std::string>& contents = {}) {
  std::ifstream in(example);
  std::stringstream text;
  text << in.rdbuf();
  std::string config = text.str();
  const std::string from = kExampleFileDir;
  for (std::size_t at = config.find(from); at != std::string::npos; at = config.find(from, at)) {
    const std::size_t end = config.find('"', at);
    const std::string name = config.substr(at + from.size(), end - at - from.size());
    auto content = contents.find(name);
    dir.write(name, content == contents.end() ? "example\n" : content->second);
    config.replace(at, from.size(), dir.path() + "/");
  }
  return dir.write("example.json", config);
}

}  // namespace suanli::test
