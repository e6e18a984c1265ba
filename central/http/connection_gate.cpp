#include "central/http/connection_gate.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <numeric>

namespace suanli::http {

namespace {

constexpr unsigned kIpv6ClientPrefixBytes = 8;  // a /64

std::uint64_t total(const std::array<std::uint64_t, kRefusalKinds>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

}  // namespace

std::string_view to_string(Refusal r) {
  switch (r) {
    case Refusal::per_client:
      return "per_client";
    case Refusal::total:
      return "total";
    case Refusal::accept_failed:
      return "accept_failed";
  }
  return "unknown";
}

std::string client_key(const boost::asio::ip::address& address) {
  if (address.is_v4()) return address.to_string();
  auto v6 = address.to_v6();
  if (v6.is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + kIpv6ClientPrefixBytes, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

ConnectionGate::ConnectionGate(std::size_t max_total, std::size_t max_per_client,
                               Clock::duration quiet)
    : max_total_(max_total),
      max_per_client_(std::max<std::size_t>(max_per_client, 1)),
      quiet_(quiet) {}

std::optional<Refusal> ConnectionGate::admit(const std::string& client, Clock::time_point now) {
  end_quiet_episode(now);
  if (open_ >= max_total_) {
    refuse(Refusal::total, std::to_string(open_) + " connections open, the most the server takes",
           now);
    return Refusal::total;
  }
  auto it = by_client_.find(client);
  if (it != by_client_.end() && it->second >= max_per_client_) {
    refuse(Refusal::per_client,
           std::to_string(it->second) + " connections open from " + client +
               ", the most one client may hold",
           now);
    return Refusal::per_client;
  }
  ++by_client_[client];
  ++open_;
  return std::nullopt;
}

void ConnectionGate::release(const std::string& client) {
  auto it = by_client_.find(client);
  if (it == by_client_.end()) return;
  --open_;
  if (--it->second == 0) by_client_.erase(it);
}

void ConnectionGate::note_accept_failure(std::string_view why, Clock::time_point now) {
  end_quiet_episode(now);
  refuse(Refusal::accept_failed, "accept failed: " + std::string(why), now);
}

void ConnectionGate::refuse(Refusal why, std::string_view detail, Clock::time_point now) {
  const auto kind = static_cast<std::size_t>(why);
  ++refused_[kind];
  if (!episode_) {
    episode_ = Episode{.started = now, .last_refusal = now};
    spdlog::warn(
        "http: refusing a connection: {}; further refusals are counted, and summed up "
        "once none came for {} ms",
        detail, std::chrono::duration_cast<std::chrono::milliseconds>(quiet_).count());
  }
  episode_->last_refusal = now;
  ++episode_->refused[kind];
}

void ConnectionGate::end_quiet_episode(Clock::time_point now) {
  if (episode_ && now - episode_->last_refusal >= quiet_) end_episode();
}

void ConnectionGate::end_episode() {
  if (!episode_) return;
  const auto& n = episode_->refused;
  spdlog::warn("http: refused {} connections in {} ms ({} {}, {} {}, {} {}); {} open now", total(n),
               std::chrono::duration_cast<std::chrono::milliseconds>(episode_->last_refusal -
                                                                     episode_->started)
                   .count(),
               n[0], to_string(Refusal::per_client), n[1], to_string(Refusal::total), n[2],
               to_string(Refusal::accept_failed), open_);
  episode_.reset();
}

}  // namespace suanli::http
