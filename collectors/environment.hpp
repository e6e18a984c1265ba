#pragma once

#include <optional>
#include <string>
#include <vector>

namespace suanli::collectors {

// Where a vendor library is: the environment variable `env_var` (SUANLI_NVML_LIBRARY, ...) when
// set and non-empty, else the configured path, else `fallback` (a soname for the loader).
std::string library_path(const char* env_var, const std::optional<std::string>& configured,
                         const std::string& fallback);

// Where to look for a vendor library, in order: only `env_var`'s path, or else only the
// configured one, when either is set; otherwise `defaults` (sonames for the loader's search, then
// the driver package's install paths).
std::vector<std::string> library_candidates(const char* env_var,
                                            const std::optional<std::string>& configured,
                                            std::vector<std::string> defaults);

// Roots of /sys and /proc: SUANLI_SYSFS_ROOT and SUANLI_PROCFS_ROOT for tests and unusual
// installs, else "/sys" and "/proc". No trailing slash.
std::string sysfs_root();
std::string procfs_root();

}  // namespace suanli::collectors
