#pragma once

// Bearer-token check for the ingest endpoint: "Authorization: Bearer <token>".

#include <optional>
#include <string>
#include <string_view>

#include "central/http/message.hpp"
#include "central/http/router.hpp"
#include "config/expected.hpp"

namespace suanli::http {

// The token in `path`, without its trailing newline (and other trailing whitespace). An
// unreadable or empty file is an error naming the path.
Expected<std::string> read_token_file(const std::string& path);

// Equal, in time that depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

// nullopt when the request carries `Authorization: Bearer <token>`; otherwise the 401 JSON error
// (with WWW-Authenticate: Bearer) to send instead.
std::optional<Response> check_bearer(const Request& request, std::string_view token);

// `inner`, run only for requests that carry the token; the others get check_bearer's 401.
Handler require_bearer(std::string token, Handler inner);

}  // namespace suanli::http
