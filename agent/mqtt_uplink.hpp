#pragma once

#include <memory>

#include "agent/uplink.hpp"
#include "config/agent_config.hpp"
#include "config/expected.hpp"

namespace suanli::agent {

// The MQTT uplink: every window goes to the disk spool (STATE_DIR/spool) first and leaves it
// when the broker's PUBACK arrives. On every connect: retained status online, retained birth,
// then the backlog (what the spool holds from before) is replayed oldest first on `hist`,
// at most spool.replay_per_s a second, while live windows go out on `data` as they close.
// `rebirth` on the cmd topic republishes the birth.
Expected<std::unique_ptr<Uplink>> make_mqtt_uplink(const config::AgentConfig& cfg,
                                                   std::uint64_t boot);

}  // namespace suanli::agent
