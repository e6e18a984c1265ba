#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"
#include "collectors/cpu/cpu_backend.hpp"

namespace suanli::collectors::cpu_test {

// tests/fixtures/cpu/<name>: a fake root with proc/ and sys/.
inline std::string fixture(const std::string& name) {
  return std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/cpu/" + name;
}

// Writes root/relative, creating its directories.
inline void write_file(const std::string& root, const std::string& relative,
                       const std::string& text) {
  const std::filesystem::path path = std::filesystem::path(root) / relative;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// Opens and discovers a CPU backend over a fake root.
inline std::vector<DeviceInfo> discover_root(const std::string& root) {
  cpu::CpuBackend backend(root + "/sys", root + "/proc");
  if (backend.open()) return {};
  auto devices = backend.discover();
  return devices ? devices.value() : std::vector<DeviceInfo>{};
}

inline PeakResolution peaks_of(const DeviceInfo& info) {
  static const Catalog catalog = Catalog::builtin().value();
  return resolve_peaks(catalog, info.identity, {});
}

}  // namespace suanli::collectors::cpu_test
