#include "central/http/connection_gate.hpp"

#include <gtest/gtest.h>

#include "tests/support/log_capture.hpp"

namespace suanli::http {
namespace {

using namespace std::chrono_literals;

const auto t0 = ConnectionGate::Clock::time_point{} + 1000s;

std::uint64_t refused(const ConnectionGate& gate, Refusal r) {
  return gate.refused()[static_cast<std::size_t>(r)];
}

TEST(ConnectionGate, OneClientCannotTakeTheOthersShare) {
  ConnectionGate gate(5, 2, 10s);
  EXPECT_FALSE(gate.admit("10.0.0.1", t0));
  EXPECT_FALSE(gate.admit("10.0.0.1", t0));
  EXPECT_EQ(gate.admit("10.0.0.1", t0), Refusal::per_client);
  EXPECT_FALSE(gate.admit("10.0.0.2", t0));
  EXPECT_FALSE(gate.admit("10.0.0.3", t0));
  EXPECT_FALSE(gate.admit("10.0.0.3", t0));
  EXPECT_EQ(gate.admit("10.0.0.4", t0), Refusal::total);
  EXPECT_EQ(gate.open(), 5u);
  EXPECT_EQ(gate.clients(), 3u);
  gate.release("10.0.0.1");
  EXPECT_FALSE(gate.admit("10.0.0.4", t0));
  EXPECT_EQ(refused(gate, Refusal::per_client), 1u);
  EXPECT_EQ(refused(gate, Refusal::total), 1u);
  for (const char* c : {"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.3", "10.0.0.4"})
    gate.release(c);
  EXPECT_EQ(gate.open(), 0u);
  EXPECT_EQ(gate.clients(), 0u);
}

TEST(ConnectionGate, ClientsAreIpv4AddressesAndIpv6Slash64s) {
  auto key = [](const char* a) { return client_key(boost::asio::ip::make_address(a)); };
  EXPECT_EQ(key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(key("2001:db8:1:2:bbbb::9"), key("2001:db8:1:2:aaaa::1"));
  EXPECT_NE(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
}

// A flood is two lines: its first refusal, and a summary at the first connection after a quiet
// period; the next flood is a new episode.
TEST(ConnectionGate, RefusalsAreLoggedOncePerEpisode) {
  test::LogCapture log;
  ConnectionGate gate(100, 1, 10s);
  ASSERT_FALSE(gate.admit("10.0.0.1", t0));
  for (int i = 0; i < 1000; ++i)
    gate.admit("10.0.0.1", t0 + std::chrono::milliseconds(i));
  gate.note_accept_failure("Too many open files", t0 + 1s);
  EXPECT_FALSE(gate.admit("10.0.0.2", t0 + 5s));  // not yet quiet for 10 s
  ASSERT_EQ(log.lines_with("http: refus").size(), 1u);
  EXPECT_NE(log.lines_with("http: refus")[0].find("10.0.0.1"), std::string::npos);

  EXPECT_FALSE(gate.admit("10.0.0.3", t0 + 11s));
  auto lines = log.lines_with("http: refus");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("refused 1001 connections in 1000 ms (1000 per_client, 0 total, 1 "
                          "accept_failed)"),
            std::string::npos)
      << lines[1];

  gate.admit("10.0.0.1", t0 + 60s);
  gate.end_episode();
  EXPECT_EQ(log.lines_with("http: refus").size(), 4u);
  EXPECT_EQ(refused(gate, Refusal::per_client), 1001u);
  EXPECT_EQ(refused(gate, Refusal::accept_failed), 1u);
}

}  // namespace
}  // namespace suanli::http
