#pragma once

#include <optional>
#include <string>

namespace suanli::collectors {

// Where a vendor library is: the environment variable `env_var` (SUANLI_NVML_LIBRARY, ...) when
// set and non-empty, else the configured path, else `fallback` (a soname for the loader).
std::string library_path(const char* env_var, const std::optional<std::string>& configured,
                         const std::string& fallback);

// Roots of /sys and /proc: SUANLI_SYSFS_ROOT and SUANLI_PROCFS_ROOT for tests and unusual
// installs, else "/sys" and "/proc". No trailing slash.
std::string sysfs_root();
std::string procfs_root();

}  // namespace suanli::collectors
