#include "config/ids.hpp"

#include <gtest/gtest.h>

namespace suanli {
namespace {

TEST(ConfigIds, Pattern) {
  EXPECT_TRUE(is_valid_id("sz-aicc"));
  EXPECT_TRUE(is_valid_id("0"));
  EXPECT_TRUE(is_valid_id("node_1.rack-2"));
  EXPECT_TRUE(is_valid_id(std::string(63, 'a')));
  EXPECT_FALSE(is_valid_id(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id("_central"));
  EXPECT_FALSE(is_valid_id("-a"));
  EXPECT_FALSE(is_valid_id("Node"));
  EXPECT_FALSE(is_valid_id("a b"));
  EXPECT_FALSE(is_valid_id("a/b"));
  EXPECT_FALSE(is_valid_id("a+b"));
  EXPECT_FALSE(is_valid_id("a#"));
}

TEST(ConfigIds, SanitizeMakesValidIds) {
  EXPECT_EQ(sanitize_id("GPU-Node-01.Suzhou"), "gpu-node-01.suzhou");
  EXPECT_EQ(sanitize_id("my host"), "my-host");
  EXPECT_EQ(sanitize_id("_x"), "x");
  EXPECT_EQ(sanitize_id("---"), "node");
  EXPECT_EQ(sanitize_id(""), "node");
  EXPECT_EQ(sanitize_id(std::string(100, 'A')), std::string(63, 'a'));
  for (const char* raw : {"节点一", "A_B", "a$b", "x.y.z"}) {
    EXPECT_TRUE(is_valid_id(sanitize_id(raw))) << raw;
  }
}

}  // namespace
}  // namespace suanli
