// Every example in docs/protocol.md must decode, so the normative page cannot drift from the code.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::wire {
namespace {

struct Example {
  std::string kind;
  std::string topic;
  std::string json;
  int line = 0;
};

// An example is a line "Example (kind: K), topic `T`..." followed by a ```json fence. Plain string
// matching: std::regex trips a false -Wmaybe-uninitialized in g++ 12 with sanitizers.
std::optional<Example> parse_marker(const std::string& line, int number) {
  const std::string head = "Example (kind: ";
  const std::string mid = "), topic `";
  if (line.rfind(head, 0) != 0) return std::nullopt;
  const auto kind_end = line.find(mid, head.size());
  if (kind_end == std::string::npos) return std::nullopt;
  const auto topic_begin = kind_end + mid.size();
  const auto topic_end = line.find('`', topic_begin);
  if (topic_end == std::string::npos) return std::nullopt;
  return Example{line.substr(head.size(), kind_end - head.size()),
                 line.substr(topic_begin, topic_end - topic_begin), "", number};
}

std::vector<Example> read_examples(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<Example> out;
  std::string line;
  int number = 0;
  Example* open = nullptr;
  bool in_fence = false;
  while (std::getline(in, line)) {
    ++number;
    if (in_fence) {
      if (line == "```") {
        in_fence = false;
        open = nullptr;
      } else {
        open->json += line + "\n";
      }
    } else if (auto marker = parse_marker(line, number)) {
      out.push_back(std::move(*marker));
      open = &out.back();
    } else if (open != nullptr && line == "```json") {
      in_fence = true;
    }
  }
  return out;
}

const std::string kProtocol = std::string(SUANLI_SOURCE_DIR) + "/docs/protocol.md";

TEST(WireDocs, EveryExampleDecodes) {
  const auto examples = read_examples(kProtocol);
  ASSERT_FALSE(examples.empty());
  for (const auto& e : examples) {
    SCOPED_TRACE("docs/protocol.md:" + std::to_string(e.line) + " (" + e.kind + ")");
    ASSERT_FALSE(e.json.empty()) << "no ```json block after the marker";
    EXPECT_LE(e.json.size(), kMaxPayloadBytes);
    const auto decoded = decode(e.topic, e.json);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    EXPECT_EQ(to_string(kind_of(decoded.value())), e.kind);
    EXPECT_EQ(topic_of(decoded.value()), e.topic);
    // The compact re-encoding decodes to the same message.
    const auto again = decode(e.topic, encode(decoded.value()));
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(again.value(), decoded.value());
  }
}

TEST(WireDocs, EveryJsonBlockIsAMarkedExample) {
  std::ifstream in(kProtocol);
  std::size_t blocks = 0;
  for (std::string line; std::getline(in, line);)
    blocks += line == "```json" ? 1 : 0;
  std::size_t examples = 0;
  for (const auto& e : read_examples(kProtocol))
    examples += e.json.empty() ? 0 : 1;
  EXPECT_EQ(blocks, examples) << "a ```json block without an \"Example (kind: ...)\" line above it "
                                 "would not be decoded";
}

TEST(WireDocs, EveryKindHasAnExampleAndBirthOneWithAQuantumDevice) {
  std::map<std::string, int> count;
  bool quantum = false;
  for (const auto& e : read_examples(kProtocol)) {
    ++count[e.kind];
    if (e.kind != "birth") continue;
    const auto decoded = decode(e.topic, e.json);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    for (const Device& d : std::get<Birth>(decoded.value()).devices)
      quantum = quantum || d.device_class == DeviceClass::quantum;
  }
  for (const Kind k : {Kind::status, Kind::birth, Kind::data, Kind::hist, Kind::cmd}) {
    EXPECT_EQ(count[std::string(to_string(k))], k == Kind::birth ? 2 : 1) << to_string(k);
  }
  EXPECT_EQ(count.size(), 5u);
  EXPECT_TRUE(quantum) << "a birth example shows a declared quantum device";
}

// A data example should add up: totals are the sums of the per-device figures.
TEST(WireDocs, DataExampleTotalsAddUp) {
  for (const auto& e : read_examples(kProtocol)) {
    if (e.kind != "data" && e.kind != "hist") continue;
    const auto decoded = decode(e.topic, e.json);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    const Data& d =
        e.kind == "data" ? std::get<Data>(decoded.value()) : std::get<Hist>(decoded.value()).data;
    for (const Precision p : kAllPrecisions) {
      double achieved = 0;
      for (const auto& dev : d.devices)
        achieved += dev.achieved_tflops[p].value_or(0);
      EXPECT_NEAR(d.totals.achieved_tflops[p].value_or(0), achieved, 1e-6)
          << e.kind << " " << to_string(p);
    }
    std::uint64_t healthy = 0;
    for (const auto& dev : d.devices)
      healthy += dev.healthy ? 1 : 0;
    EXPECT_EQ(d.totals.healthy_devices, healthy) << e.kind;
  }
}

}  // namespace
}  // namespace suanli::wire
