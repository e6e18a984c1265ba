#include "uplink/http/bearer_token.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace suanli::http {

Expected<std::string> read_bearer_token(const std::string& path) {
  using Result = Expected<std::string>;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Result::failure("http.token_file: cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  token.erase(token.find_last_not_of(" \t\r\n") + 1);
  if (token.empty()) return Result::failure("http.token_file: " + path + " is empty");
  if (token.find_first_of("\r\n") != std::string::npos) {
    return Result::failure("http.token_file: " + path + " holds more than one line");
  }
  return token;
}

}  // namespace suanli::http
