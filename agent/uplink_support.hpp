#pragma once

// What every uplink (MQTT, HTTP) does the same way with its messages and its spool.

#include <cstdint>
#include <optional>
#include <string>

#include "config/agent_config.hpp"
#include "config/expected.hpp"
#include "uplink/spool/spool.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// The spool of STATE_DIR/spool, bounded by spool.max_bytes.
Expected<spool::Spool> open_uplink_spool(const config::AgentConfig& cfg);

// status and birth carry the boot and the seq of the next data window (protocol.md §3), and now.
wire::Header announcement_header(const wire::Birth& birth, std::uint64_t next_seq);
std::string encode_status(bool online, const wire::Header& header);
// The birth as announced now, with the spool's faults.
std::string encode_birth(const wire::Birth& birth, std::uint64_t next_seq,
                         const wire::SpoolFaults& spool_faults);

// A spooled data message as the hist message that replays it; nullopt when the record is not a
// data message of this node.
std::optional<std::string> spooled_data_as_hist(const config::AgentConfig& cfg,
                                                const std::string& data_payload);

}  // namespace suanli::agent
