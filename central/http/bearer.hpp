#pragma once

// Bearer tokens for an endpoint ("Authorization: Bearer <token>"): the one place where a presented
// token is compared with the configured ones.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/http/message.hpp"
#include "central/http/router.hpp"
#include "config/expected.hpp"

namespace suanli::http {

// Equal, in time that depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

// The accepted tokens, kept as SHA-256 digests only. find() compares the presented token's digest
// with every configured digest, to the end, in constant time: how long it takes depends neither on
// the presented token nor on which token (if any) it is.
class BearerTokens {
 public:
  explicit BearerTokens(const std::vector<std::string>& secrets);

  // The index (in the constructor's order) of the token `presented` is; nullopt when it is none.
  std::optional<std::size_t> find(std::string_view presented) const;

 private:
  std::vector<std::string> digests_;
};

// The index of the token the request carries; otherwise the 401 JSON error (with
// WWW-Authenticate: Bearer) to send instead.
Expected<std::size_t, Response> check_bearer(const Request& request, const BearerTokens& tokens);

// A handler of requests that carry one of the tokens, told which one.
using BearerHandler = std::function<Response(const Request& request, std::size_t token)>;

// `inner`, run only for requests that carry one of `tokens`; the others get check_bearer's 401.
Handler require_bearer(BearerTokens tokens, BearerHandler inner);

}  // namespace suanli::http
