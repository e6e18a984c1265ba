#include "central/http/bearer.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace suanli::http {
namespace {

std::string sha256(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");  // only without memory
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

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

BearerTokens::BearerTokens(const std::vector<std::string>& secrets) {
  digests_.reserve(secrets.size());
  for (const std::string& secret : secrets)
    digests_.push_back(sha256(secret));
}

std::optional<std::size_t> BearerTokens::find(std::string_view presented) const {
  const std::string digest = sha256(presented);
  std::size_t found = 0;  // index + 1 of the match; 0 for none
  for (std::size_t i = 0; i < digests_.size(); ++i) {
    // All ones when equal, zero otherwise: no branch on the comparison.
    std::size_t mask =
        std::size_t{0} - static_cast<std::size_t>(constant_time_equal(digest, digests_[i]));
    found |= mask & (i + 1);
  }
  if (found == 0) return std::nullopt;
  return found - 1;
}

Expected<std::size_t, Response> check_bearer(const Request& request, const BearerTokens& tokens) {
  constexpr std::string_view kScheme = "bearer ";
  auto header = request.header("Authorization");
  if (header && header->size() > kScheme.size() &&
      lower_case(std::string_view(*header).substr(0, kScheme.size())) == kScheme) {
    if (auto index = tokens.find(std::string_view(*header).substr(kScheme.size()))) return *index;
  }
  Response r = json_error(401, header ? "invalid bearer token" : "missing bearer token");
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return Expected<std::size_t, Response>::failure(std::move(r));
}

Handler require_bearer(BearerTokens tokens, BearerHandler inner) {
  return [tokens = std::move(tokens), inner = std::move(inner)](const Request& request) {
    auto token = check_bearer(request, tokens);
    if (!token) return token.error();
    return inner(request, *token);
  };
}

}  // namespace suanli::http
