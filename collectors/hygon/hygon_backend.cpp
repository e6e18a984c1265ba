// Hygon DCUs (docs/devices.md, "Hygon DCU"). Hygon's driver (kernel module hycu, earlier hydcu) is
// a fork of amdgpu and exposes the same sysfs and KFD topology, so the AMD backend's code reads
// them; this file names what is Hygon's.
#include "collectors/amd/amd_backend.hpp"
#include "collectors/backend_descriptor.hpp"
#include "collectors/environment.hpp"

namespace suanli::collectors {
namespace {

constexpr std::string_view kHygonDrivers[] = {"hycu", "hydcu", "amdgpu"};

// Device ids: openEuler kernel drivers/gpu/drm/hygon/hydcu-fixup-header/hydcu_pci_fixup_header.c
// (Z100, Z100L) and pci.ids 2026.08.22 (K100_AI).
constexpr amd::NamedDevice kHygonNames[] = {
    {0x54b7, "Z100"},
    {0x55b7, "Z100L"},
    {0x6211, "K100_AI"},
};

// The gfx targets Hygon's KFD reports (gfx906 on a Z100 and gfx926 on a K100 in public build
// scripts) name AMD's instruction sets, not AMD's silicon: AMD's per-CU rates are not a DCU's, and
// none of Hygon's are published, so a DCU's peak is the catalog's or unknown.
const amd::AmdgpuVendor kHygonVendor{.pci_vendor = 0x1d94,
                                     .name = "Hygon",
                                     .id_prefix = "hygon-",
                                     .model_prefix = "Hygon DCU",
                                     .drivers = kHygonDrivers,
                                     .names = kHygonNames,
                                     .gfx_rates_apply = false};

}  // namespace

extern const BackendDescriptor hygon_backend{
    .spec = {.name = "hygon",
             .reads = "Hygon DCUs through their amdgpu-style sysfs and the KFD topology"},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig&) -> std::unique_ptr<DeviceBackend> {
      return std::make_unique<amd::AmdBackend>(sysfs_root(), kHygonVendor);
    }};

}  // namespace suanli::collectors
