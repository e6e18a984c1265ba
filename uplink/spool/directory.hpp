#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "config/expected.hpp"
#include "uplink/spool/fd.hpp"

namespace suanli::spool {

// mkdir -p: creates `path` and its missing parents with `mode`; fails when a part of the path
// exists and is not a directory.
Status make_directories(const std::string& path, mode_t mode);

// Names of the entries in `path`, without "." and "..".
Expected<std::vector<std::string>> list_directory(const std::string& path);

}  // namespace suanli::spool
