#include "central/http/bearer.hpp"

#include <gtest/gtest.h>

#include "tests/support/process.hpp"

namespace suanli::http {
namespace {

Request with_authorization(std::optional<std::string> value) {
  Request r;
  r.method = "POST";
  r.path = "/api/v1/ingest";
  if (value) r.headers["authorization"] = *value;
  return r;
}

TEST(Bearer, AcceptsTheRightToken) {
  EXPECT_FALSE(check_bearer(with_authorization("Bearer s3cret-token"), "s3cret-token"));
  EXPECT_FALSE(check_bearer(with_authorization("bearer s3cret-token"), "s3cret-token"));
}

TEST(Bearer, RejectsMissingOrWrongWith401) {
  for (std::optional<std::string> value :
       {std::optional<std::string>{}, std::optional<std::string>{"Bearer wrong"},
        std::optional<std::string>{"Bearer s3cret-token2"},
        std::optional<std::string>{"Bearer s3cret-toke"},
        std::optional<std::string>{"Basic czNjcmV0LXRva2Vu"}, std::optional<std::string>{"Bearer "},
        std::optional<std::string>{"s3cret-token"}}) {
    auto rejected = check_bearer(with_authorization(value), "s3cret-token");
    ASSERT_TRUE(rejected) << value.value_or("(none)");
    EXPECT_EQ(rejected->status, 401);
    EXPECT_EQ(rejected->header("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(rejected->content_type, "application/json");
  }
}

TEST(Bearer, EmptyTokenNeverMatches) {
  EXPECT_TRUE(check_bearer(with_authorization("Bearer "), ""));
}

TEST(Bearer, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", std::string_view("abc\0", 4)));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

TEST(Bearer, ReadsTokenFileWithoutTrailingNewline) {
  test::TempDir dir;
  auto token = read_token_file(dir.write("token", "s3cret-token\n"));
  ASSERT_TRUE(token) << token.error();
  EXPECT_EQ(*token, "s3cret-token");
  auto crlf = read_token_file(dir.write("token2", "abc\r\n"));
  ASSERT_TRUE(crlf);
  EXPECT_EQ(*crlf, "abc");
}

TEST(Bearer, EmptyOrMissingTokenFileIsAnError) {
  test::TempDir dir;
  auto empty = read_token_file(dir.write("empty", "\n"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().find("empty"), std::string::npos);
  auto missing = read_token_file(dir.path() + "/absent");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("absent"), std::string::npos);
}

}  // namespace
}  // namespace suanli::http
