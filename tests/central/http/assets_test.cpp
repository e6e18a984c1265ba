#include <gtest/gtest.h>

#include "central/http/embedded_files.hpp"
#include "central/http/static_assets.hpp"

namespace suanli::http {
namespace {

TEST(StaticAssets, IndexIsEmbedded) {
  auto index = find_asset("index.html");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_NE(index->bytes.find("<html"), std::string_view::npos);
  EXPECT_FALSE(find_asset("nope.html"));
  EXPECT_FALSE(embedded_files().empty());
}

TEST(StaticAssets, ContentTypesByExtension) {
  EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("blob"), "application/octet-stream");
}

TEST(StaticAssets, IfNoneMatch) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

TEST(StaticAssets, ResponseAnd304) {
  auto index = find_asset("index.html");
  ASSERT_TRUE(index);
  Request plain;
  Response full = asset_response(plain, *index);
  EXPECT_EQ(full.status, 200);
  EXPECT_EQ(full.body, index->bytes);
  EXPECT_EQ(full.header("ETag"), std::string(index->etag));
  Request conditional;
  conditional.headers["if-none-match"] = std::string(index->etag);
  Response not_modified = asset_response(conditional, *index);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
}

}  // namespace
}  // namespace suanli::http
