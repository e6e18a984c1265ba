#include "agent/uplink_support.hpp"

#include <spdlog/spdlog.h>

#include <variant>

#include "agent/messages.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::agent {

Expected<spool::Spool> open_uplink_spool(const config::AgentConfig& cfg) {
  return spool::Spool::open(
      cfg.state_dir + "/spool",
      {.max_bytes = cfg.spool_max_bytes, .segment_bytes = 1024 * 1024, .sync = false});
}

wire::Header announcement_header(const wire::Birth& birth, std::uint64_t next_seq) {
  wire::Header h = birth.header;
  h.seq = next_seq;
  h.ts_ms = now_ms();
  return h;
}

std::string encode_status(bool online, const wire::Header& header) {
  wire::Status status;
  status.header = header;
  status.online = online;
  return wire::encode(status);
}

std::string encode_birth(const wire::Birth& birth, std::uint64_t next_seq) {
  wire::Birth announced = birth;
  announced.header = announcement_header(birth, next_seq);
  return wire::encode(announced);
}

std::optional<std::string> spooled_data_as_hist(const config::AgentConfig& cfg,
                                                const std::string& data_payload) {
  auto msg = wire::decode(wire::make_topic(*cfg.center, cfg.node, wire::Kind::data), data_payload);
  if (!msg || !std::holds_alternative<wire::Data>(*msg)) return std::nullopt;
  return wire::encode(wire::Hist{std::get<wire::Data>(*msg)});
}

void SpoolDropWarning::check(const spool::Spool& spool, std::uint64_t max_bytes) {
  if (spool.drop_episodes() <= logged_episodes_) return;
  logged_episodes_ = spool.drop_episodes();
  spdlog::warn("spool full ({} bytes): dropping the oldest windows ({} so far)", max_bytes,
               spool.dropped_total());
}

std::optional<std::uint64_t> spool_window(spool::Spool& spool, const std::string& payload,
                                          SpoolDropWarning& warning, std::uint64_t max_bytes) {
  auto appended = spool.append(payload);
  if (!appended) {
    spdlog::error("spool: {}", appended.error());
    return std::nullopt;
  }
  warning.check(spool, max_bytes);
  return *appended;
}

}  // namespace suanli::agent
