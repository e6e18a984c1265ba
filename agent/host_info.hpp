#pragma once

#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// This machine's host name, OS (PRETTY_NAME of os-release), kernel release, architecture and
// the agent's version.
wire::Host read_host_info();

}  // namespace suanli::agent
