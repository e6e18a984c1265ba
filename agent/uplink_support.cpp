#include "agent/uplink_support.hpp"

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

std::string encode_birth(const wire::Birth& birth, std::uint64_t next_seq,
                         const wire::SpoolFaults& spool_faults) {
  wire::Birth announced = birth;
  announced.header = announcement_header(birth, next_seq);
  announced.spool_faults = spool_faults;
  return wire::encode(announced);
}

std::optional<std::string> spooled_data_as_hist(const config::AgentConfig& cfg,
                                                const std::string& data_payload) {
  auto msg = wire::decode(wire::make_topic(*cfg.center, cfg.node, wire::Kind::data), data_payload);
  if (!msg || !std::holds_alternative<wire::Data>(*msg)) return std::nullopt;
  return wire::encode(wire::Hist{std::get<wire::Data>(*msg)});
}

}  // namespace suanli::agent
