#include "config/ingest_tokens.hpp"

#include <algorithm>
#include <set>

#include "config/binding.hpp"

namespace suanli::config {
namespace {

const std::vector<Key<IngestTokens>>& token_key_table() {
  static const std::vector<Key<IngestTokens>> table = {
      {{.path = "tokens",
        .type = ValueType::array,
        .description = "The tokens, at least one.",
        .need = Need::required},
       nullptr},
      {{.path = "tokens[].name",
        .type = ValueType::string,
        .description = "Names the token in central's log and errors (the token itself is never "
                       "logged); unique.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$",
        .need = Need::required},
       SUANLI_BIND(element(c.tokens, k[0]).name)},
      {{.path = "tokens[].token",
        .type = ValueType::string,
        .description = "The secret agents send as `Authorization: Bearer <token>` (their "
                       "`http.token_file`): at least 16 visible ASCII characters, unique.",
        .need = Need::required},
       SUANLI_BIND(element(c.tokens, k[0]).secret)},
      {{.path = "tokens[].centers",
        .type = ValueType::array,
        .description = "The centers whose messages the token may post, at least one.",
        .need = Need::required},
       nullptr},
      {{.path = "tokens[].centers[]",
        .type = ValueType::string,
        .description = "A center id.",
        .check = check_id,
        .check_doc = "id: ^[a-z0-9][a-z0-9._-]{0,62}$"},
       SUANLI_BIND(element(element(c.tokens, k[0]).centers, k[1]))},
  };
  return table;
}

bool is_visible_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch > ' ' && ch < 0x7f; });
}

// Checks across keys; none of them shows a secret.
Problems check_tokens(const IngestTokens& file) {
  Problems problems;
  if (file.tokens.empty()) problems.push_back("tokens: expected at least one token");
  std::set<std::string> names;
  std::set<std::string> secrets;
  for (std::size_t i = 0; i < file.tokens.size(); ++i) {
    const IngestToken& t = file.tokens[i];
    const std::string at = "tokens[" + std::to_string(i) + "]";
    if (t.secret.size() < kMinIngestTokenLength) {
      problems.push_back(at + ".token: shorter than " + std::to_string(kMinIngestTokenLength) +
                         " characters");
    }
    if (!is_visible_ascii(t.secret)) {
      problems.push_back(at + ".token: expected visible ASCII characters only (no spaces)");
    }
    if (!secrets.insert(t.secret).second) {
      problems.push_back(at + ".token: the same token as an earlier one");
    }
    if (!names.insert(t.name).second) {
      problems.push_back(at + ".name: \"" + t.name + "\" names an earlier token too");
    }
    if (t.centers.empty()) problems.push_back(at + ".centers: expected at least one center");
  }
  return problems;
}

// Problems of the file's content name the file first, as those of its JSON do.
Problems located(Problems problems, const std::string& origin) {
  for (std::string& p : problems) {
    if (!p.starts_with(origin + ":")) p = origin + ": " + p;
  }
  return problems;
}

}  // namespace

std::vector<KeyRule> ingest_token_rules() {
  return rules_of(token_key_table());
}

Expected<IngestTokens, Problems> load_ingest_tokens(const std::string& text,
                                                    const std::string& origin) {
  auto loaded = load_config(text, origin, token_key_table(), check_tokens, Mode::service);
  if (!loaded) return Expected<IngestTokens, Problems>::failure(located(loaded.error(), origin));
  return loaded;
}

Expected<IngestTokens, Problems> load_ingest_tokens_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return Expected<IngestTokens, Problems>::failure(text.error());
  return load_ingest_tokens(*text, path);
}

}  // namespace suanli::config
