// One device, one count: who holds a device identity as nodes claim it and change state.

#include "central/core/device_owners.hpp"

#include <gtest/gtest.h>

#include <set>

namespace suanli::central {
namespace {

const NodeKey kA{"c1", "a"};
const NodeKey kB{"c1", "b"};
const NodeKey kC{"c2", "c"};

class DeviceOwnersTest : public ::testing::Test {
 protected:
  DeviceOwners::IsOnline online() {
    return [this](const NodeKey& k) { return online_.contains(k); };
  }
  std::set<NodeKey> claim(const NodeKey& k, const Identities& ids) {
    auto changed = owners.claim(k, ids, online(), now += 10);
    return {changed.begin(), changed.end()};
  }
  std::set<NodeKey> set_online(const NodeKey& k, bool on) {
    if (on) {
      online_.insert(k);
    } else {
      online_.erase(k);
    }
    auto changed = owners.state_changed(k, on, online(), now += 10);
    return {changed.begin(), changed.end()};
  }
  NodeKey holder(const std::string& id) { return owners.find(id)->holder; }

  DeviceOwners owners;
  std::set<NodeKey> online_{kA, kB, kC};
  std::uint64_t now = 1000;
};

TEST_F(DeviceOwnersTest, TheFirstClaimHoldsAndASecondOnlineClaimIsHeldElsewhere) {
  EXPECT_TRUE(claim(kA, {"GPU-1", "GPU-2"}).empty());
  EXPECT_EQ(claim(kB, {"GPU-2", "GPU-3"}), (std::set<NodeKey>{kB}));
  EXPECT_EQ(holder("GPU-2"), kA);
  EXPECT_TRUE(owners.held_elsewhere(kA).empty());
  EXPECT_EQ(owners.held_elsewhere(kB), (Identities{"GPU-2"}));
  EXPECT_EQ(owners.contested(), (Identities{"GPU-2"}));
  EXPECT_FALSE(owners.find("GPU-2")->moved.has_value());
}

TEST_F(DeviceOwnersTest, AClaimOfAnIdentityWhoseHolderIsNotOnlineMovesItAtOnce) {
  claim(kA, {"GPU-1"});
  set_online(kA, false);
  EXPECT_EQ(claim(kB, {"GPU-1"}), (std::set<NodeKey>{kA, kB}));
  EXPECT_EQ(holder("GPU-1"), kB);
  EXPECT_EQ(owners.held_elsewhere(kA), (Identities{"GPU-1"}));
  ASSERT_TRUE(owners.find("GPU-1")->moved.has_value());
  EXPECT_EQ(owners.find("GPU-1")->moved->from, kA);
}

TEST_F(DeviceOwnersTest, AHolderThatStopsBeingOnlineHandsItsIdentitiesToAnOnlineClaimant) {
  claim(kA, {"GPU-1"});
  claim(kB, {"GPU-1"});
  EXPECT_EQ(set_online(kA, false), (std::set<NodeKey>{kA, kB}));
  EXPECT_EQ(holder("GPU-1"), kB);
  // Back online, A is the duplicate now: B holds it and is online.
  EXPECT_TRUE(set_online(kA, true).empty());
  EXPECT_EQ(holder("GPU-1"), kB);
  EXPECT_EQ(owners.held_elsewhere(kA), (Identities{"GPU-1"}));
}

TEST_F(DeviceOwnersTest, WithNoClaimantOnlineTheHolderKeepsItUntilOneComesOnline) {
  claim(kA, {"GPU-1"});
  claim(kB, {"GPU-1"});
  set_online(kB, false);
  EXPECT_TRUE(set_online(kA, false).empty());
  EXPECT_EQ(holder("GPU-1"), kA);
  EXPECT_EQ(set_online(kB, true), (std::set<NodeKey>{kA, kB}));
  EXPECT_EQ(holder("GPU-1"), kB);
}

TEST_F(DeviceOwnersTest, AHolderThatNoLongerReportsAnIdentityPassesItOn) {
  claim(kA, {"GPU-1"});
  claim(kB, {"GPU-1"});
  claim(kC, {"GPU-1"});
  set_online(kB, false);
  EXPECT_EQ(claim(kA, {}), (std::set<NodeKey>{kA, kC}));
  EXPECT_EQ(holder("GPU-1"), kC);  // the online claimant first
  claim(kC, {});
  EXPECT_EQ(holder("GPU-1"), kB);
  claim(kB, {});
  EXPECT_FALSE(owners.find("GPU-1"));
  EXPECT_TRUE(owners.contested().empty());
  EXPECT_TRUE(owners.held_elsewhere(kA).empty());
}

TEST_F(DeviceOwnersTest, AnIdentityClaimedByOneNodeOnlyIsNotContested) {
  claim(kA, {"GPU-1"});
  claim(kA, {"GPU-1", "GPU-2"});
  EXPECT_TRUE(owners.contested().empty());
  EXPECT_EQ(holder("GPU-2"), kA);
}

}  // namespace
}  // namespace suanli::central
