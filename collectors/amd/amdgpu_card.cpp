#include "collectors/amd/amdgpu_card.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "collectors/amd/dpm_clocks.hpp"
#include "collectors/amd/gfx_target.hpp"
#include "collectors/pci_serial.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::amd {
namespace {

constexpr std::string_view kAmdDrivers[] = {"amdgpu"};

std::string bus_id_of(const std::string& device_dir, std::string_view uevent) {
  if (auto slot = find_field(uevent, "PCI_SLOT_NAME", '=')) return std::string(*slot);
  std::error_code ec;
  const auto target = std::filesystem::canonical(device_dir, ec);
  return ec ? std::string() : target.filename().string();
}

std::optional<std::uint64_t> render_minor_of(const std::string& device_dir) {
  for (const std::string& name : list_dir(device_dir + "/drm")) {
    if (auto minor = numbered_suffix(name, "renderD")) return minor;
  }
  return std::nullopt;
}

bool drives(const AmdgpuVendor& vendor, std::string_view driver) {
  return std::find(vendor.drivers.begin(), vendor.drivers.end(), driver) != vendor.drivers.end();
}

std::optional<AmdgpuCard> probe_card(const std::string& drm_dir, const std::string& name,
                                     const AmdgpuVendor& vendor) {
  AmdgpuCard card;
  card.name = name;
  card.device_dir = drm_dir + name + "/device";
  if (read_u64(card.device_dir + "/vendor") != vendor.pci_vendor) return std::nullopt;
  const std::string uevent = read_text(card.device_dir + "/uevent").value_or("");
  if (auto driver = find_field(uevent, "DRIVER", '='); driver && !drives(vendor, *driver)) {
    return std::nullopt;
  }
  card.bus_id = bus_id_of(card.device_dir, uevent);
  card.address = parse_pci_address(card.bus_id);
  card.render_minor = render_minor_of(card.device_dir);
  return card;
}

std::optional<std::string> non_empty_line(const std::string& path) {
  auto line = read_line(path);
  if (!line || line->empty()) return std::nullopt;
  return line;
}

std::string model_of(const AmdgpuVendor& vendor, const DeviceIdentity& identity,
                     std::optional<std::uint64_t> device) {
  if (identity.name) return *identity.name;
  for (const NamedDevice& named : vendor.names) {
    if (device == named.device)
      return std::string(vendor.model_prefix) + " " + std::string(named.name);
  }
  return std::string(vendor.model_prefix) + " " + identity.pci_id.value_or("unknown");
}

}  // namespace

const AmdgpuVendor kAmdVendor{.pci_vendor = 0x1002,
                              .name = "AMD",
                              .id_prefix = "amd-",
                              .model_prefix = "AMD GPU",
                              .drivers = kAmdDrivers,
                              .names = {},
                              .gfx_rates_apply = true};

std::vector<AmdgpuCard> find_amdgpu_cards(const std::string& sysfs_root,
                                          const AmdgpuVendor& vendor) {
  const std::string drm_dir = sysfs_root + "/class/drm/";
  std::vector<std::string> names = list_dir(drm_dir);
  std::erase_if(names, [](const std::string& n) { return !numbered_suffix(n, "card"); });
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return numbered_suffix(a, "card") < numbered_suffix(b, "card");
  });
  std::vector<AmdgpuCard> cards;
  for (const std::string& name : names) {
    if (auto card = probe_card(drm_dir, name, vendor)) cards.push_back(std::move(*card));
  }
  return cards;
}

DeviceInfo describe_card(const AmdgpuCard& card, const std::vector<KfdGpuNode>& kfd_nodes,
                         const AmdgpuVendor& vendor) {
  const std::string& dir = card.device_dir;
  DeviceInfo info;
  info.device_class = DeviceClass::accelerator;
  info.vendor = vendor.name;
  // The id stays what it was before the DSN fallback, so that it does not change with the
  // agent's right to read the whole configuration space.
  const auto unique_id = non_empty_line(dir + "/unique_id");
  info.uuid = unique_id ? unique_id : pci_serial_uuid(dir);
  info.id = std::string(vendor.id_prefix) +
            unique_id.value_or(card.bus_id.empty() ? card.name : card.bus_id);
  if (!card.bus_id.empty()) info.bus_id = card.bus_id;
  const auto device = read_u64(dir + "/device");
  if (device)
    info.identity.pci_id = format_hex(vendor.pci_vendor, 4) + ":" + format_hex(*device, 4);
  info.identity.name = non_empty_line(dir + "/product_name");
  info.model = model_of(vendor, info.identity, device);
  info.memory_total_bytes = read_u64(dir + "/mem_info_vram_total");

  const KfdGpuNode* node = match_kfd_node(kfd_nodes, card.address, card.render_minor);
  if (node) {
    info.identity.units = node->compute_units;
    if (vendor.gfx_rates_apply) info.identity.arch = arch_from_gfx_target(node->gfx_target_version);
    if (node->compute_units) info.units = static_cast<std::uint64_t>(*node->compute_units);
  }
  info.max_clock_mhz = parse_dpm_clocks(read_text(dir + "/pp_dpm_sclk").value_or("")).max_mhz;
  if (!info.max_clock_mhz && node) info.max_clock_mhz = node->max_engine_clock_mhz;
  info.identity.clock_mhz = info.max_clock_mhz;
  if (info.max_clock_mhz) info.identity.clock_basis = "max engine clock";
  return info;
}

}  // namespace suanli::collectors::amd
