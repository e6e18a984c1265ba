#include "config/config_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "config/strict_json.hpp"

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

}  // namespace

Expected<nlohmann::json, Problems> parse_json_text(const std::string& text,
                                                   const std::string& origin) {
  auto doc = parse_strict_json(text, kMaxConfigDepth);
  if (doc) return std::move(doc).value();
  const JsonProblem& problem = doc.error();
  std::string where = origin;
  std::string reason = problem.detail;
  if (problem.byte) {
    auto [line, column] = line_column(text, *problem.byte);
    where += ":" + std::to_string(line) + ":" + std::to_string(column);
    // "parse error at line 1, column 2: WHAT" repeats the place.
    if (const auto colon = reason.find(": "); colon != std::string::npos) {
      reason.erase(0, colon + 2);
    }
  }
  return Expected<nlohmann::json, Problems>::failure({where + ": invalid JSON: " + reason});
}

Expected<std::string, Problems> read_text_file(const std::string& path) {
  using Result = Expected<std::string, Problems>;
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) {
    return Result::failure({path + ": cannot read: is a directory"});
  }
  // A FIFO would block the reader and /dev/zero never ends: neither is opened.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return Result::failure({path + ": cannot read: not a regular file"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Result::failure({path + ": cannot read: " + std::strerror(errno)});
  std::string text;
  char chunk[64 * 1024];
  while (in && text.size() <= kMaxTextFileBytes) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Result::failure({path + ": cannot read: I/O error"});
  if (text.size() > kMaxTextFileBytes) {
    return Result::failure({path + ": cannot read: larger than " +
                            std::to_string(kMaxTextFileBytes / (1024 * 1024)) + " MiB"});
  }
  return text;
}

Expected<nlohmann::json, Problems> read_json_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return Expected<nlohmann::json, Problems>::failure(text.error());
  return parse_json_text(*text, path);
}

}  // namespace suanli::config
