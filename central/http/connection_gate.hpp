#pragma once

// Which new connections the server takes: at most `max_total` open at once, and at most
// `max_per_client` from one client (an IPv4 address, or an IPv6 /64, which one host usually
// holds whole). So one client holding many half-sent requests cannot refuse everyone else.
//
// Refusals come in episodes (a flood, a stuck client): the first refusal of an episode is logged,
// the rest only counted, and the episode ends, with one summary line, at the first connection
// (refused or not) after `quiet` without a refusal. Counts are kept for the stats.

#include <array>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace suanli::http {

enum class Refusal { per_client, total, accept_failed };
inline constexpr std::size_t kRefusalKinds = 3;
std::string_view to_string(Refusal r);

// The key a client's connections count under.
std::string client_key(const boost::asio::ip::address& address);

class ConnectionGate {
 public:
  using Clock = std::chrono::steady_clock;

  ConnectionGate(std::size_t max_total, std::size_t max_per_client, Clock::duration quiet);

  // Takes a slot for `client`, or says why not (counted, logged as above).
  std::optional<Refusal> admit(const std::string& client, Clock::time_point now);
  // Frees the slot admit() gave `client`.
  void release(const std::string& client);
  // Counts (and logs) a failed accept(): the server is out of descriptors or memory.
  void note_accept_failure(std::string_view why, Clock::time_point now);
  // Logs the summary of an episode still open (at stop).
  void end_episode();

  std::size_t open() const { return open_; }
  std::size_t clients() const { return by_client_.size(); }
  const std::array<std::uint64_t, kRefusalKinds>& refused() const { return refused_; }

 private:
  void refuse(Refusal why, std::string_view detail, Clock::time_point now);
  void end_quiet_episode(Clock::time_point now);

  std::size_t max_total_;
  std::size_t max_per_client_;
  Clock::duration quiet_;
  std::size_t open_ = 0;
  std::unordered_map<std::string, std::size_t> by_client_;
  std::array<std::uint64_t, kRefusalKinds> refused_{};

  struct Episode {
    Clock::time_point started;
    Clock::time_point last_refusal;
    std::array<std::uint64_t, kRefusalKinds> refused{};
  };
  std::optional<Episode> episode_;
};

}  // namespace suanli::http
