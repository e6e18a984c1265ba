#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace suanli::test {

// A PCI Express configuration space as root reads it from sysfs `config`, cut to `size` bytes:
// extended capabilities chained from 0x100, an Advanced Error Reporting capability (id 0x0001)
// first and, when `serial` is given, a Device Serial Number capability (id 0x0003) at 0x148.
inline std::string pci_config_space(std::optional<std::uint64_t> serial, std::size_t size = 4096) {
  std::string space(4096, '\0');
  const auto put = [&space](std::size_t offset, std::uint32_t value) {
    for (std::size_t i = 0; i < 4; ++i)
      space[offset + i] = static_cast<char>((value >> (8 * i)) & 0xFFu);
  };
  put(0x000, 0x74a11002u);  // device and vendor id
  constexpr std::uint32_t kVersion1 = 1u << 16;
  put(0x100, 0x0001u | kVersion1 | (serial ? 0x148u << 20 : 0u));
  if (serial) {
    put(0x148, 0x0003u | kVersion1);
    put(0x14c, static_cast<std::uint32_t>(*serial));
    put(0x150, static_cast<std::uint32_t>(*serial >> 32));
  }
  space.resize(size);
  return space;
}

}  // namespace suanli::test
