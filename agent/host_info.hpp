#pragma once

#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// This machine's host name, OS (PRETTY_NAME of os-release), kernel release, architecture, the
// agent's version, and the CPU time a cgroup grants this process (under SUANLI_SYSFS_ROOT and
// SUANLI_PROCFS_ROOT).
wire::Host read_host_info();

}  // namespace suanli::agent
