#pragma once

#include <string>

#include "config/expected.hpp"

namespace suanli::http {

// The bearer token in `path` (http.token_file): the file's text without trailing white space.
// Errors name the file, never its content; an empty token is an error.
Expected<std::string> read_bearer_token(const std::string& path);

}  // namespace suanli::http
