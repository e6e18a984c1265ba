#include "agent/host_info.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "collectors/cgroup_limit.hpp"
#include "collectors/environment.hpp"
#include "suanli/version.hpp"

namespace suanli::agent {
namespace {

std::string os_pretty_name() {
  for (const char* path : {"/etc/os-release", "/usr/lib/os-release"}) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.starts_with("PRETTY_NAME=")) continue;
      std::string value = line.substr(12);
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
  }
  return "Linux";
}

}  // namespace

wire::Host read_host_info() {
  wire::Host host;
  char name[256] = {};
  host.hostname = gethostname(name, sizeof name - 1) == 0 ? name : "unknown";
  utsname uts{};
  if (uname(&uts) == 0) {
    host.kernel = uts.release;
    host.arch = uts.machine;
  } else {
    host.kernel = host.arch = "unknown";
  }
  host.os = os_pretty_name();
  host.agent_version = kVersion;
  host.cpu_limit =
      collectors::cgroup_cpu_limit(collectors::sysfs_root(), collectors::procfs_root());
  return host;
}

}  // namespace suanli::agent
