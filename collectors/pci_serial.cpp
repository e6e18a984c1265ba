#include "collectors/pci_serial.hpp"

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors {
namespace {

constexpr std::size_t kExtendedCapabilities = 0x100;
constexpr std::uint32_t kDeviceSerialNumber = 0x0003;
// Each capability takes at least its header and one dword; a longer chain loops.
constexpr int kMaxCapabilities = (4096 - 0x100) / 8;

std::optional<std::uint32_t> dword_at(std::string_view space, std::size_t offset) {
  if (offset + 4 > space.size()) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 4; i-- > 0;)
    value = (value << 8) | static_cast<unsigned char>(space[offset + i]);
  return value;
}

std::optional<std::uint64_t> serial_at(std::string_view space, std::size_t capability) {
  const auto low = dword_at(space, capability + 4);
  const auto high = dword_at(space, capability + 8);
  if (!low || !high) return std::nullopt;
  const std::uint64_t serial = (std::uint64_t{*high} << 32) | *low;
  if (serial == 0 || serial == ~std::uint64_t{0}) return std::nullopt;
  return serial;
}

}  // namespace

std::optional<std::uint64_t> find_device_serial(std::string_view config_space) {
  std::size_t offset = kExtendedCapabilities;
  for (int i = 0; i < kMaxCapabilities && offset >= kExtendedCapabilities; ++i) {
    const auto header = dword_at(config_space, offset);
    if (!header || *header == 0 || *header == 0xFFFFFFFFu) return std::nullopt;
    if ((*header & 0xFFFFu) == kDeviceSerialNumber) return serial_at(config_space, offset);
    offset = (*header >> 20) & 0xFFCu;
  }
  return std::nullopt;
}

std::optional<std::string> pci_serial_uuid(const std::string& device_dir) {
  const auto space = read_text(device_dir + "/config");
  if (!space) return std::nullopt;
  const auto serial = find_device_serial(*space);
  if (!serial) return std::nullopt;
  return "pci-dsn-" + format_hex(*serial, 16);
}

}  // namespace suanli::collectors
