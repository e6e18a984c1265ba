// A restart rebuilds the registry from the store with the births streamed and decoded a batch at
// a time (central/app/stored_births.hpp): every node comes back, with its birth when the store has
// one that decodes, across more than one batch; a birth without a node state adds no node.

#include <gtest/gtest.h>

#include "central/app/persistence.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::central {
namespace {

std::string node_name(std::size_t i) {
  return "n" + std::to_string(100000 + i);  // sorted as numbered
}

store::BirthRecord birth_record(const std::string& node, std::string json) {
  return {.center = "sz-aicc", .node = node, .boot = 1, .received_ms = 1, .birth_json = json};
}

store::NodeStateRecord state_record(const std::string& node) {
  store::NodeStateRecord rec;
  rec.center = "sz-aicc";
  rec.node = node;
  rec.state = "online";
  rec.boot = 1;
  rec.online = true;
  rec.last_seen_ms = static_cast<std::int64_t>(test::kT0);
  return rec;
}

TEST(PersistenceRestore, EveryNodeComesBackWithItsBirthAcrossBatches) {
  suanli::test::TempDir tmp;
  store::Store store = store::Store::open(tmp.path() + "/central.db").value();
  const std::size_t nodes = 11;
  store::Batch batch;
  for (std::size_t i = 0; i < nodes; ++i) {
    const std::string node = node_name(i);
    // Every node holds a device of its own, but the last two share one identity: the first of
    // them (in the store's order) holds it.
    wire::Device gpu = test::h100("gpu0");
    gpu.uuid = i + 2 >= nodes ? "GPU-shared" : "GPU-" + node;
    batch.births.push_back(
        birth_record(node, wire::encode(test::birth(test::header("sz-aicc", node, 1, 0), {gpu}))));
    batch.node_states.push_back(state_record(node));
  }
  batch.births[7].birth_json = "{\"not\": \"a birth\"}";
  batch.births.push_back(birth_record("zz-no-state", batch.births[8].birth_json));
  batch.node_states.push_back(state_record("zz-no-birth"));
  ASSERT_TRUE(store.write(batch));

  Registry registry(test::settings());
  Persistence persistence(store, /*birth_batch=*/4);
  auto restored = persistence.restore(registry, test::kT0 + 1000);
  ASSERT_TRUE(restored);
  EXPECT_EQ(*restored, nodes + 1);
  EXPECT_EQ(registry.nodes().size(), nodes + 1);
  for (std::size_t i = 0; i < nodes; ++i) {
    const NodeRecord* r = registry.find("sz-aicc", node_name(i));
    ASSERT_NE(r, nullptr) << i;
    EXPECT_EQ(r->inventory.has_value(), i != 7) << i;  // the one that no longer decodes waits
  }
  ASSERT_NE(registry.find("sz-aicc", "zz-no-birth"), nullptr);
  EXPECT_FALSE(registry.find("sz-aicc", "zz-no-birth")->inventory.has_value());
  EXPECT_EQ(registry.find("sz-aicc", "zz-no-state"), nullptr);
  ASSERT_TRUE(registry.owners().find("GPU-shared"));
  EXPECT_EQ(registry.owners().find("GPU-shared")->holder,
            (NodeKey{"sz-aicc", node_name(nodes - 2)}));
  EXPECT_EQ(registry.find("sz-aicc", node_name(nodes - 1))->contribution.counts.held_elsewhere, 1);
  EXPECT_EQ(registry.indicator().city().contribution.counts.devices,
            static_cast<std::int64_t>(nodes - 2));  // less the undecodable and the shared one
}

}  // namespace
}  // namespace suanli::central
