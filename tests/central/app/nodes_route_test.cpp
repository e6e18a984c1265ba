// GET /api/v1/nodes through central's router, in process: pages of at most `limit` nodes, the total
// and the cursor of the next page; a bad parameter is a 400 naming it.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/central/app/api_fixture.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

class NodesRoute : public test::ApiFixture {
 protected:
  NodesRoute() : ApiFixture(test::kT0) {}

  void SetUp() override {
    // 250 nodes of sz-aicc and 3 of wj-dc.
    for (int i = 0; i < 250; ++i)
      add("sz-aicc", "n" + std::to_string(1000 + i));
    for (int i = 0; i < 3; ++i)
      add("wj-dc", "w" + std::to_string(i));
  }

  void add(const std::string& center, const std::string& node) {
    registry.apply(test::status(test::header(center, node, 1, 0), true), test::kT0);
  }

  http::Response get(const std::string& query) { return ApiFixture::get("/api/v1/nodes", query); }

  json page(const std::string& query) {
    http::Response r = get(query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return json::parse(r.body);
  }

  // Every node of the listing, following next_cursor from the first page.
  std::vector<std::string> walk(const std::string& query) {
    std::vector<std::string> seen;
    json p = page(query);
    for (int pages = 0; pages < 1000; ++pages) {
      for (const json& n : p["nodes"])
        seen.push_back(n["center"].get<std::string>() + "/" + n["node"].get<std::string>());
      if (p["next_cursor"].is_null()) break;
      p = page(query + "&cursor=" + p["next_cursor"].get<std::string>());
    }
    return seen;
  }
};

TEST_F(NodesRoute, TheFirstPageHasTheDefaultSizeTheTotalAndTheNextCursor) {
  const json p = page("");
  EXPECT_EQ(p["nodes"].size(), kDefaultNodesPage);
  EXPECT_EQ(p["total"], 253);
  EXPECT_EQ(p["limit"], kDefaultNodesPage);
  EXPECT_EQ(p["next_cursor"], "sz-aicc/n1099");
}

TEST_F(NodesRoute, FollowingTheCursorListsEveryNodeOnce) {
  const std::vector<std::string> all = walk("limit=7");
  EXPECT_EQ(all.size(), 253u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 253u);
  EXPECT_EQ(all.back(), "wj-dc/w2");
  const std::vector<std::string> wj = walk("center=wj-dc&limit=2");
  EXPECT_EQ(wj, (std::vector<std::string>{"wj-dc/w0", "wj-dc/w1", "wj-dc/w2"}));
}

TEST_F(NodesRoute, ACenterPageCountsItsCenterOnly) {
  json p = page("center=wj-dc");
  EXPECT_EQ(p["total"], 3);
  EXPECT_EQ(p["nodes"].size(), 3u);
  EXPECT_TRUE(p["next_cursor"].is_null());
  // A cursor before the center starts at its first node; one after it gives an empty page.
  p = page("center=wj-dc&cursor=sz-aicc/n1100");
  EXPECT_EQ(p["nodes"][0]["node"], "w0");
  p = page("center=sz-aicc&cursor=wj-dc/w0");
  EXPECT_TRUE(p["nodes"].empty());
  EXPECT_TRUE(p["next_cursor"].is_null());
  EXPECT_EQ(page("center=nowhere")["total"], 0);
}

TEST_F(NodesRoute, TheLargestPageIsAllowedAndNoLarger) {
  EXPECT_EQ(page("limit=" + std::to_string(kMaxNodesPage))["nodes"].size(), 253u);
  EXPECT_EQ(get("limit=" + std::to_string(kMaxNodesPage + 1)).status, 400);
}

TEST_F(NodesRoute, ABadParameterIsA400NamingIt) {
  for (const auto& [query, parameter] :
       std::vector<std::pair<std::string, std::string>>{{"limit=0", "limit"},
                                                        {"limit=-1", "limit"},
                                                        {"limit=ten", "limit"},
                                                        {"limit=5x", "limit"},
                                                        {"limit=99999999999999999999", "limit"},
                                                        {"cursor=n1", "cursor"},
                                                        {"cursor=sz-aicc/", "cursor"},
                                                        {"cursor=SZ/n1", "cursor"},
                                                        {"center=_x", "center"}}) {
    const http::Response r = get(query);
    EXPECT_EQ(r.status, 400) << query;
    const json body = json::parse(r.body);
    EXPECT_TRUE(body["error"]["message"].get<std::string>().starts_with(parameter + ": "))
        << query << ": " << r.body;
    EXPECT_EQ(body["error"]["parameter"], parameter) << query;
    EXPECT_FALSE(body["error"]["accepted"].get<std::string>().empty()) << query;
  }
}

}  // namespace
}  // namespace suanli::central
