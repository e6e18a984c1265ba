#pragma once

#include <optional>
#include <string>

#include "collectors/ascend/chip_calls.hpp"
#include "collectors/ascend/dcmi_api.hpp"

namespace suanli::collectors::ascend {

// The chip's city-wide identity (DeviceDescription::uuid), the first of:
// - "ascend-vdie-XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXXXXXX": the VDIE id of
//   dcmi_get_device_die_v2, its five words as mind-cluster's DcGetDieID prints them (and
//   npu-exporter reports vdie_id), so the two can be matched;
// - "ascend-ndie-..." likewise, the NDIE id (Ascend 910 only);
// - "ascend-sn-<serial>-chip<device>": the serial number of dcmi_get_device_elabel_info, which
//   names the board, with the chip's index on it;
// - "pci-dsn-..." (collectors/pci_serial.hpp) of the chip's PCI function under `sysfs_root`.
// Nothing when none answers, or answers only zeros or a placeholder ("NA"). The calls go through
// `calls`, so a chip that fails one is asked nothing more.
std::optional<std::string> chip_uuid(const DcmiApi& api, ChipAddress at, ChipCalls& calls,
                                     const std::optional<std::string>& bus_id,
                                     const std::string& sysfs_root);

}  // namespace suanli::collectors::ascend
