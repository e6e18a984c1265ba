// The ingest tokens file (http.ingest_tokens_file): a good file binds; each bad one gives exactly
// the expected problem lines, naming the file and the key, never showing a token.
#include "config/ingest_tokens.hpp"

#include <gtest/gtest.h>

#include "tests/support/process.hpp"

namespace suanli::config {
namespace {

constexpr const char* kOrigin = "tokens.json";
constexpr const char* kSecretA = "a1b2c3d4e5f6a7b8c9d0";
constexpr const char* kSecretB = "f0e1d2c3b4a5968778695a4b";

TEST(IngestTokens, AGoodFileBindsEveryToken) {
  auto file = load_ingest_tokens(R"({"tokens": [
      {"name": "sz-aicc-agents", "token": "a1b2c3d4e5f6a7b8c9d0", "centers": ["sz-aicc"]},
      {"name": "ks-agents", "token": "f0e1d2c3b4a5968778695a4b", "centers": ["ks-aicc", "ks-scc"]}
    ]})",
                                 kOrigin);
  ASSERT_TRUE(file) << file.error().front();
  ASSERT_EQ(file->tokens.size(), 2u);
  EXPECT_EQ(file->tokens[0].name, "sz-aicc-agents");
  EXPECT_EQ(file->tokens[0].secret, kSecretA);
  EXPECT_EQ(file->tokens[0].centers, std::vector<std::string>{"sz-aicc"});
  EXPECT_EQ(file->tokens[1].name, "ks-agents");
  EXPECT_EQ(file->tokens[1].secret, kSecretB);
  EXPECT_EQ(file->tokens[1].centers, (std::vector<std::string>{"ks-aicc", "ks-scc"}));
}

struct BadFile {
  const char* name;
  std::string json;
  std::vector<std::string> problems;
};

std::ostream& operator<<(std::ostream& os, const BadFile& c) {
  return os << c.name;
}

class IngestTokensBad : public testing::TestWithParam<BadFile> {};

TEST_P(IngestTokensBad, NamesTheFileTheKeyAndTheProblem) {
  auto file = load_ingest_tokens(GetParam().json, kOrigin);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error(), GetParam().problems);
  for (const std::string& problem : file.error()) {
    EXPECT_EQ(problem.find("short-token"), std::string::npos) << "a token is never shown";
    EXPECT_EQ(problem.find(kSecretA), std::string::npos) << "a token is never shown";
  }
}

std::string one(const std::string& name, const std::string& token, const std::string& centers) {
  return R"({"name": ")" + name + R"(", "token": ")" + token + R"(", "centers": )" + centers + "}";
}

std::string file_of(const std::vector<std::string>& tokens) {
  std::string out = R"({"tokens": [)";
  for (std::size_t i = 0; i < tokens.size(); ++i)
    out += (i ? ", " : "") + tokens[i];
  return out + "]}";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IngestTokensBad,
    testing::Values(
        BadFile{"no_tokens_key", "{}", {"tokens.json: tokens: required"}},
        BadFile{
            "no_token", R"({"tokens": []})", {"tokens.json: tokens: expected at least one token"}},
        BadFile{"short_token",
                file_of({one("a", "short-token", R"(["sz-aicc"])")}),
                {"tokens.json: tokens[0].token: shorter than 16 characters"}},
        BadFile{"token_with_space",
                file_of({one("a", "a1b2c3d4 e5f6a7b8c9d0", R"(["sz-aicc"])")}),
                {"tokens.json: tokens[0].token: expected visible ASCII characters only (no "
                 "spaces)"}},
        BadFile{"bad_center",
                file_of({one("a", kSecretA, R"(["sz-aicc", "Kun Shan"])")}),
                {R"(tokens.json: tokens[0].centers[1]: expected an id matching )"
                 R"(^[a-z0-9][a-z0-9._-]{0,62}$, got "Kun Shan")"}},
        BadFile{"no_center",
                file_of({one("a", kSecretA, "[]")}),
                {"tokens.json: tokens[0].centers: expected at least one center"}},
        BadFile{"centers_not_array",
                file_of({one("a", kSecretA, R"("sz-aicc")")}),
                {R"(tokens.json: tokens[0].centers: expected an array, got "sz-aicc")"}},
        BadFile{
            "names_repeat",
            file_of({one("a", kSecretA, R"(["sz-aicc"])"), one("a", kSecretB, R"(["ks-aicc"])")}),
            {R"(tokens.json: tokens[1].name: "a" names an earlier token too)"}},
        BadFile{
            "tokens_repeat",
            file_of({one("a", kSecretA, R"(["sz-aicc"])"), one("b", kSecretA, R"(["ks-aicc"])")}),
            {"tokens.json: tokens[1].token: the same token as an earlier one"}},
        BadFile{
            "missing_keys",
            R"({"tokens": [{"centers": ["sz-aicc"]}]})",
            {"tokens.json: tokens[0].name: required", "tokens.json: tokens[0].token: required"}},
        BadFile{"misspelt_key",
                R"({"tokens": [{"name": "a", "token": "a1b2c3d4e5f6a7b8c9d0", "center": ["x"]}]})",
                {"tokens.json: tokens[0].center: unknown key (did you mean tokens[0].centers?)",
                 "tokens.json: tokens[0].centers: required"}},
        BadFile{"invalid_json",
                "{\"tokens\": [\n}",
                {"tokens.json:2:1: invalid JSON: syntax error while parsing value - unexpected "
                 "'}'; expected '[', '{', or a literal"}}));

TEST(IngestTokens, AnUnreadableFileIsOneLineNamingIt) {
  auto file = load_ingest_tokens_file("/nonexistent/tokens.json");
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error(), std::vector<std::string>{
                              "/nonexistent/tokens.json: cannot read: No such file or directory"});
}

TEST(IngestTokens, AFileNamesItselfInItsProblems) {
  test::TempDir dir;
  std::string path = dir.write("tokens.json", file_of({one("a", "short-token", R"(["x"])")}));
  auto file = load_ingest_tokens_file(path);
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error(),
            std::vector<std::string>{path + ": tokens[0].token: shorter than 16 characters"});
}

}  // namespace
}  // namespace suanli::config
