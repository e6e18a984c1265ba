// The ingest pipeline: every message queued is applied once, in the order queued, decoded when
// its topic is an agent's, and all of them before join() returns once the queue is closed.

#include "central/app/ingest_worker.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace suanli::central {
namespace {

TEST(IngestWorker, AppliesEveryMessageInOrderAndDrainsAtClose) {
  IngestQueue queue(64, 1 << 20);
  std::vector<std::string> applied;
  std::vector<bool> decoded;
  IngestWorker worker(queue, [&](std::vector<IngestItem>& batch) {
    for (const IngestItem& item : batch) {  // only the ingest thread calls this
      applied.push_back(item.raw.payload);
      decoded.push_back(item.decoded.has_value());
    }
  });
  worker.start();
  constexpr int kMessages = 1000;  // more than a batch, and more than the queue holds
  for (int i = 0; i < kMessages; ++i) {
    const bool agent = i % 10 != 0;
    ASSERT_TRUE(queue.push(agent ? "suanli/v1/c/n/data" : "$SYS/broker/connection/b/state",
                           std::to_string(i)));
  }
  queue.close();
  worker.join();
  ASSERT_EQ(applied.size(), static_cast<std::size_t>(kMessages));
  for (int i = 0; i < kMessages; ++i) {
    EXPECT_EQ(applied[i], std::to_string(i));
    EXPECT_EQ(decoded[i], i % 10 != 0) << i;
  }
  EXPECT_EQ(worker.totals().messages_total, static_cast<std::uint64_t>(kMessages));
}

}  // namespace
}  // namespace suanli::central
