#include "uplink/http/bearer_token.hpp"

#include <utility>

#include "config/config_file.hpp"

namespace suanli::http {

Expected<std::string> read_bearer_token(const std::string& path) {
  using Result = Expected<std::string>;
  auto text = config::read_text_file(path);
  if (!text) return Result::failure("http.token_file: " + text.error().front());
  std::string token = std::move(*text);
  token.erase(token.find_last_not_of(" \t\r\n") + 1);
  if (token.empty()) return Result::failure("http.token_file: " + path + " is empty");
  if (token.find_first_of("\r\n") != std::string::npos) {
    return Result::failure("http.token_file: " + path + " holds more than one line");
  }
  return token;
}

}  // namespace suanli::http
