#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "collectors/dynamic_library.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::ascend {

// Where to look for libdcmi.so, in order: only SUANLI_DCMI_LIBRARY or else only the configured
// path when either is set; otherwise the loader's search (LD_LIBRARY_PATH, ldconfig) for the
// unversioned soname, then the driver package's two install directories (docs/vendor-apis.md,
// "DCMI library location").
std::vector<std::string> dcmi_library_candidates(const std::optional<std::string>& configured);

// The first candidate that loads; the error lists why each one did not, in one line.
Expected<std::shared_ptr<DynamicLibrary>> open_dcmi_library(
    const std::optional<std::string>& configured);

}  // namespace suanli::collectors::ascend
