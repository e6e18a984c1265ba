#pragma once

#include <string>

#include "collectors/amd/amd_backend.hpp"
#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"

namespace suanli::collectors::amd_test {

// tests/fixtures/amd/<name>: a fake root with sys/.
inline std::string fixture(const std::string& name) {
  return std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/amd/" + name;
}

inline PeakResolution peaks_of(const DeviceInfo& info) {
  static const Catalog catalog = Catalog::builtin().value();
  return resolve_peaks(catalog, info.identity, {});
}

}  // namespace suanli::collectors::amd_test
