#include <gtest/gtest.h>

#include <set>
#include <string_view>
#include <vector>

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

// Chart.js comes from Debian's libjs-chart.js at build time, with its licence beside it.
TEST(StaticAssets, ChartJsAndItsLicenceAreEmbedded) {
  auto chart = find_asset("chart.min.js");
  ASSERT_TRUE(chart);
  EXPECT_EQ(chart->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(chart->bytes.substr(0, 200).find("Chart.js v3."), std::string_view::npos);
  auto licence = find_asset("chart.js-copyright.txt");
  ASSERT_TRUE(licence);
  EXPECT_NE(licence->bytes.find("Permission is hereby granted"), std::string_view::npos);
}

// Every script and module the page loads, and every module those import, is served.
TEST(StaticAssets, EveryScriptThePageLoadsIsEmbedded) {
  std::vector<std::string_view> pending = {"index.html"};
  std::set<std::string_view> seen;
  while (!pending.empty()) {
    const std::string_view name = pending.back();
    pending.pop_back();
    if (!seen.insert(name).second) continue;
    auto asset = find_asset(name);
    ASSERT_TRUE(asset) << name << " is named but not embedded";
    if (!name.ends_with(".html") && !(name.ends_with(".js") && name != "chart.min.js")) continue;
    const std::string_view text = asset->bytes;
    for (std::string_view marker : {"src=\"/assets/", "from './"}) {
      for (auto at = text.find(marker); at != std::string_view::npos;
           at = text.find(marker, at + 1)) {
        const auto start = at + marker.size();
        const auto end = text.find_first_of("\"'", start);
        pending.push_back(text.substr(start, end - start));
      }
    }
  }
  EXPECT_TRUE(seen.contains("main.js"));
  EXPECT_TRUE(seen.contains("chart.min.js"));
  EXPECT_TRUE(seen.contains("charts.js"));
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
