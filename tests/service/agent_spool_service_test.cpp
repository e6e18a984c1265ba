// suanli-agent's disk spool at the binary level: a full spool drops the oldest windows and
// counts them; a kill -9 while it appends loses at most the torn record.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/service/agent_harness.hpp"
#include "uplink/spool/record_format.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

// The key's minimum; with the agent's 1 MiB segments a full spool drops a whole segment.
constexpr std::uint64_t kSmallestSpool = 1024 * 1024;

TEST(ServiceAgentSpool, AFullSpoolDropsTheOldestAndDroppedTotalCountsThemExactly) {
  test::MosquittoBroker broker({.persistence = true});
  test::TempDir dir;
  test::MqttSubscriber sub(broker, kTopics + std::string("#"), 311, test::Session::persistent);
  broker.stop();  // down from the agent's start: every window goes to the spool
  // 256 devices make a window of about 100 KB: the spool is full after about ten windows.
  auto cfg = base_config(dir, broker.uri(), 256);
  cfg["spool"]["max_bytes"] = kSmallestSpool;
  Agent agent(dir, write_config(dir, cfg));
  ASSERT_TRUE(agent.logs("spool full", 60s)) << agent.err();
  std::this_thread::sleep_for(2500ms);  // two more windows, far from the next drop
  broker.start();
  ASSERT_TRUE(status_becomes(broker, true)) << agent.err();
  std::uint64_t boot = retained_boot(broker);
  auto backlog_replayed = [&] {
    auto all = sub.messages();
    auto live = seqs(all, "data", boot);
    auto got = window_seqs(all, boot);
    return live.size() >= 2 && gaps(got, *got.begin(), *got.rbegin()).empty();
  };
  EXPECT_TRUE(wait_until(backlog_replayed, 30s)) << agent.err();
  EXPECT_TRUE(agent.terminate()) << agent.err();
  auto received = sub.wait(sub.messages().size() + 2, 3s);

  auto all = window_seqs(received, boot);
  ASSERT_FALSE(all.empty());
  std::uint64_t first = *all.begin();
  EXPECT_GT(first, 0u) << "the oldest windows were dropped";
  EXPECT_EQ(gaps(all, first, *all.rbegin()), std::vector<std::uint64_t>{})
      << "what survived is one contiguous run up to the newest window";
  std::optional<nlohmann::json> latest;
  for (const auto& doc : messages_of(received, "data")) {
    if (doc.at("boot") == boot && (!latest || doc.at("seq") > latest->at("seq"))) latest = doc;
  }
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->at("dropped_total").get<std::uint64_t>(), first)
      << "dropped_total counts exactly the windows missing at the front";
}

// The records of a segment file as the spool's format reads them.
struct SegmentScan {
  std::uint64_t complete = 0;          // intact records, from the start
  std::uint64_t intact_bytes = 0;      // where the last intact record ends
  std::uint64_t last_record_size = 0;  // header and payload of the last intact record
  std::uint64_t file_bytes = 0;
};

SegmentScan scan_segment(const std::string& path) {
  std::string bytes = read_file(path);
  SegmentScan scan;
  scan.file_bytes = bytes.size();
  std::size_t at = 0;
  while (at + spool::kRecordHeaderBytes <= bytes.size()) {
    auto header = spool::decode_record_header(bytes.data() + at);
    std::size_t size = spool::kRecordHeaderBytes + header.length;
    if (at + size > bytes.size()) break;
    std::string_view payload(bytes.data() + at + spool::kRecordHeaderBytes, header.length);
    if (spool::record_crc(header.length, header.id, payload) != header.crc) break;
    at += size;
    ++scan.complete;
    scan.intact_bytes = at;
    scan.last_record_size = size;
  }
  return scan;
}

std::uint64_t size_of(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

TEST(ServiceAgentSpool, KillNineWhileSpoolingLosesAtMostTheTornRecord) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::MqttSubscriber sub(broker, kTopics + std::string("#"));
  // First boot: nothing listens at its broker address, so the spool only grows. 64 devices make
  // each append a write of some 25 KB.
  auto cfg = base_config(dir, "mqtt://127.0.0.1:" + std::to_string(test::free_port()), 64);
  std::string config = write_config(dir, cfg);
  std::string segment = spool_dir(dir) + "/seg-00000000000000000001.log";
  {
    Agent agent(dir, config, "first");
    ASSERT_TRUE(wait_until([&] { return scan_segment(segment).complete >= 4; }, 30s))
        << agent.err();
    // Kill it the moment the segment grows, so that the kill falls on or right after an append.
    auto size = size_of(segment);
    for (int i = 0; i < 5000 && size_of(segment) == size; ++i) {
      std::this_thread::sleep_for(1ms);
    }
    agent.process.signal(SIGKILL);
    agent.process.wait(5s);
  }
  auto scan = scan_segment(segment);
  ASSERT_GE(scan.complete, 4u);
  if (scan.file_bytes == scan.intact_bytes) {
    // write(2) of one record is hardly ever cut by a signal: cut the last record in half, as a
    // kill (or a power cut) in the middle of its write would have left it.
    fs::resize_file(segment, scan.intact_bytes - scan.last_record_size / 2);
    --scan.complete;
  }
  std::uint64_t surviving = scan.complete;  // seqs 0 .. surviving-1 of the first boot

  cfg["mqtt"]["uri"] = broker.uri();
  write_config(dir, cfg);
  Agent again(dir, config, "second");
  ASSERT_TRUE(status_becomes(broker, true)) << again.err();
  std::uint64_t second_boot = retained_boot(broker);
  // The backlog: hist of a boot before this one.
  auto backlog = [&] {
    std::vector<nlohmann::json> out;
    for (auto& doc : messages_of(sub.messages(), "hist")) {
      if (doc.at("boot") != second_boot) out.push_back(std::move(doc));
    }
    return out;
  };
  EXPECT_TRUE(wait_until([&] { return backlog().size() >= surviving; }, 20s)) << again.err();
  EXPECT_TRUE(again.terminate()) << again.err();

  std::set<std::uint64_t> boots;
  std::set<std::uint64_t> backlog_seqs;
  for (const auto& doc : backlog()) {
    boots.insert(doc.at("boot").get<std::uint64_t>());
    backlog_seqs.insert(doc.at("seq").get<std::uint64_t>());
  }
  ASSERT_EQ(boots.size(), 1u) << "the backlog is the first boot's windows";
  EXPECT_EQ(second_boot, *boots.begin() + 1) << "boot went up by one across the kill -9";
  std::set<std::uint64_t> expected;
  for (std::uint64_t s = 0; s < surviving; ++s)
    expected.insert(s);
  EXPECT_EQ(backlog_seqs, expected)
      << "every intact record of the first boot, on hist; the torn one is gone";
}

TEST(ServiceAgentSpool, ADamagedLengthCostsOnlyItsWindowAndIsLoggedAndPublished) {
  test::MosquittoBroker broker;
  test::TempDir dir;
  test::MqttSubscriber sub(broker, kTopics + std::string("#"));
  auto cfg = base_config(dir, "mqtt://127.0.0.1:" + std::to_string(test::free_port()));
  std::string config = write_config(dir, cfg);
  std::string segment = spool_dir(dir) + "/seg-00000000000000000001.log";
  {
    Agent agent(dir, config, "first");  // nothing listens: every window stays in the spool
    ASSERT_TRUE(wait_until([&] { return scan_segment(segment).complete >= 3; }, 30s))
        << agent.err();
    EXPECT_TRUE(agent.terminate()) << agent.err();
  }
  auto scan = scan_segment(segment);
  ASSERT_EQ(scan.file_bytes, scan.intact_bytes);
  std::string bytes = read_file(segment);
  auto first_size = spool::kRecordHeaderBytes + spool::decode_record_header(bytes.data()).length;
  bytes[2] = static_cast<char>(bytes[2] ^ 0x40);  // the first record's length, far too large
  std::ofstream(segment, std::ios::binary | std::ios::trunc) << bytes;

  cfg["mqtt"]["uri"] = broker.uri();
  write_config(dir, cfg);
  Agent again(dir, config, "second");
  ASSERT_TRUE(status_becomes(broker, true)) << again.err();
  auto birth = retained(broker, "birth");
  ASSERT_TRUE(birth.has_value());
  std::uint64_t second_boot = birth->at("boot");
  json expected_faults = {{"skipped_records", 1},
                          {"skipped_bytes", first_size},
                          {"truncated_segments", 0},
                          {"truncated_bytes", 0},
                          {"unspooled_windows", 0}};
  EXPECT_EQ(birth->at("spool_faults"), expected_faults);
  EXPECT_NE(
      again.err().find("spool: seg-00000000000000000001.log: stepped over " +
                       std::to_string(first_size) + " damaged bytes at offset 0; windows lost: 1"),
      std::string::npos)
      << again.err();
  auto backlog = [&] {
    std::set<std::uint64_t> out;
    for (const auto& doc : messages_of(sub.messages(), "hist")) {
      if (doc.at("boot") != second_boot) out.insert(doc.at("seq").get<std::uint64_t>());
    }
    return out;
  };
  auto all_but_the_first = [&] {
    auto got = backlog();
    return got.size() + 1 >= scan.complete;
  };
  EXPECT_TRUE(wait_until(all_but_the_first, 20s)) << again.err();
  auto live = messages_of(sub.messages(), "data");
  ASSERT_FALSE(live.empty());
  EXPECT_EQ(live.back().at("spool_faults"), expected_faults);
  EXPECT_TRUE(again.terminate()) << again.err();
  std::set<std::uint64_t> expected;
  for (std::uint64_t s = 1; s < scan.complete; ++s)
    expected.insert(s);
  auto got = backlog();
  EXPECT_FALSE(got.contains(0)) << "the damaged record";
  EXPECT_EQ(got, expected) << "every window after the damaged one came back on hist";
}

}  // namespace
}  // namespace suanli::service_test
