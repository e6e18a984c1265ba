#include "central/http/bearer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace suanli::http {

Expected<std::string> read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Expected<std::string>::failure("cannot read token file " + path + ": " +
                                          std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' ||
                            token.back() == '\t')) {
    token.pop_back();
  }
  if (token.empty()) return Expected<std::string>::failure("token file " + path + " is empty");
  return token;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  std::size_t longest = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < longest; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

std::optional<Response> check_bearer(const Request& request, std::string_view token) {
  constexpr std::string_view kScheme = "bearer ";
  auto header = request.header("Authorization");
  bool ok = false;
  if (header && header->size() > kScheme.size() &&
      lower_case(std::string_view(*header).substr(0, kScheme.size())) == kScheme) {
    ok = !token.empty() &&
         constant_time_equal(std::string_view(*header).substr(kScheme.size()), token);
  }
  if (ok) return std::nullopt;
  Response r = json_error(401, header ? "invalid bearer token" : "missing bearer token");
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

Handler require_bearer(std::string token, Handler inner) {
  return [token = std::move(token), inner = std::move(inner)](const Request& request) {
    if (auto rejected = check_bearer(request, token)) return *std::move(rejected);
    return inner(request);
  };
}

}  // namespace suanli::http
