#pragma once

// The file `http.ingest_tokens_file` names: the bearer tokens agents' HTTP uplink may send to
// central, each with the centers whose messages it may post (docs/security.md):
//
//   {"tokens": [{"name": "sz-aicc-agents", "token": "<at least 16 characters>",
//                "centers": ["sz-aicc"]}]}

#include <cstddef>
#include <string>
#include <vector>

#include "config/config_file.hpp"
#include "config/expected.hpp"
#include "config/schema.hpp"

namespace suanli::config {

inline constexpr std::size_t kMinIngestTokenLength = 16;

struct IngestToken {
  std::string name;  // for logs and errors; the secret is never shown
  std::string secret;
  std::vector<std::string> centers;
};

struct IngestTokens {
  std::vector<IngestToken> tokens;
};

// The keys of the file, for docs/configuration.md.
std::vector<KeyRule> ingest_token_rules();

// Every problem of the file, one line each, as "FILE: tokens[1].token: what was wrong" (a problem
// never shows a token given as a string). Checks beyond the keys: at least one token and, per
// token, at least one center; tokens of kMinIngestTokenLength or more visible ASCII characters;
// names and tokens unique.
Expected<IngestTokens, Problems> load_ingest_tokens(const std::string& text,
                                                    const std::string& origin);
Expected<IngestTokens, Problems> load_ingest_tokens_file(const std::string& path);

}  // namespace suanli::config
