#include "central/http/bearer.hpp"

#include <gtest/gtest.h>

namespace suanli::http {
namespace {

Request with_authorization(std::optional<std::string> value) {
  Request r;
  r.method = "POST";
  r.path = "/api/v1/ingest";
  if (value) r.headers["authorization"] = *value;
  return r;
}

const BearerTokens kTokens({"s3cret-token", "other-token-0123"});

TEST(Bearer, AcceptsEachTokenAndSaysWhichOne) {
  auto first = check_bearer(with_authorization("Bearer s3cret-token"), kTokens);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 0u);
  auto lower = check_bearer(with_authorization("bearer s3cret-token"), kTokens);
  ASSERT_TRUE(lower);
  EXPECT_EQ(*lower, 0u);
  auto second = check_bearer(with_authorization("Bearer other-token-0123"), kTokens);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 1u);
}

TEST(Bearer, RejectsMissingOrWrongWith401) {
  for (std::optional<std::string> value :
       {std::optional<std::string>{}, std::optional<std::string>{"Bearer wrong"},
        std::optional<std::string>{"Bearer s3cret-token2"},
        std::optional<std::string>{"Bearer s3cret-toke"},
        std::optional<std::string>{"Bearer s3cret-tokenother-token-0123"},
        std::optional<std::string>{"Basic czNjcmV0LXRva2Vu"}, std::optional<std::string>{"Bearer "},
        std::optional<std::string>{"s3cret-token"}}) {
    auto rejected = check_bearer(with_authorization(value), kTokens);
    ASSERT_FALSE(rejected) << value.value_or("(none)");
    EXPECT_EQ(rejected.error().status, 401);
    EXPECT_EQ(rejected.error().header("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(rejected.error().content_type, "application/json");
  }
}

TEST(Bearer, NoTokensMatchNothing) {
  const BearerTokens none({});
  EXPECT_FALSE(none.find(""));
  EXPECT_FALSE(none.find("s3cret-token"));
}

TEST(Bearer, FindsByWholeToken) {
  EXPECT_EQ(kTokens.find("s3cret-token"), std::optional<std::size_t>(0));
  EXPECT_EQ(kTokens.find("other-token-0123"), std::optional<std::size_t>(1));
  EXPECT_FALSE(kTokens.find(std::string_view("s3cret-token\0", 13)));
  EXPECT_FALSE(kTokens.find(""));
}

TEST(Bearer, RequireBearerTellsTheHandlerWhichToken) {
  Handler handler = require_bearer(kTokens, [](const Request&, std::size_t token) {
    return Response::text(200, std::to_string(token));
  });
  EXPECT_EQ(handler(with_authorization("Bearer other-token-0123")).body, "1");
  EXPECT_EQ(handler(with_authorization("Bearer nope")).status, 401);
}

TEST(Bearer, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", std::string_view("abc\0", 4)));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

}  // namespace
}  // namespace suanli::http
