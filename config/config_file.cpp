#include "config/config_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace suanli::config {
namespace {

// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 2: " prefix, which repeats what the caller already says.
std::string short_reason(const std::string& what) {
  auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

Expected<nlohmann::json, Problems> parse_json_text(const std::string& text,
                                                   const std::string& origin) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is one past the offending byte.
    auto [line, column] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
    return Expected<nlohmann::json, Problems>::failure(
        {origin + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": invalid JSON: " + short_reason(e.what())});
  }
}

Expected<std::string, Problems> read_text_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Expected<std::string, Problems>::failure({path + ": cannot read: is a directory"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Expected<std::string, Problems>::failure(
        {path + ": cannot read: " + std::strerror(errno)});
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad())
    return Expected<std::string, Problems>::failure({path + ": cannot read: I/O error"});
  return buf.str();
}

Expected<nlohmann::json, Problems> read_json_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return Expected<nlohmann::json, Problems>::failure(text.error());
  return parse_json_text(*text, path);
}

}  // namespace suanli::config
